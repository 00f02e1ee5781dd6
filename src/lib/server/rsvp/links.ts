import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { hashToken } from '../auth/tokens';
import { config } from '../config';
import { DAY } from '../time';

// A guest's personal link is never written down anywhere Gala stores. What is stored:
// - rsvp_token: sha256(token) to look the link up, and the link's random nonce;
// - outbox messages: a placeholder carrying the nonce where the link goes.
// The token itself is HMAC(link key, nonce). The key lives outside the database (LINK_SECRET, or
// the file link-secret.key next to the database), so a copy of the database opens no link; the
// mail worker puts the real link into each message only as it hands it to the SMTP server.

/** Links stop working this long after their gathering ends (README: Security → Guest links). */
export const LINK_LIFETIME_AFTER_END = 30 * DAY;

const NONCE_BYTES = 16; // 26 base32 characters, 128 random bits
/** Same length as a token (32 characters), so swapping one for the other keeps line folds. */
const PLACEHOLDER = /~g~([a-z2-7]{26})~~~/g;
const TOKEN_LENGTH = 32;
/** What staff see instead of a link (ASCII and token-long, so calendar files stay valid). */
export const MASK = '*'.repeat(TOKEN_LENGTH);

let cachedKey: { source: string; key: Buffer } | null = null;

function keySource(): string {
	if (process.env.LINK_SECRET) {
		return `env:${process.env.LINK_SECRET}`;
	}
	// Tests run on throwaway databases: a key per test process, never a file in the repository.
	if (process.env.VITEST || config.databasePath === ':memory:') {
		return 'ephemeral';
	}
	return `file:${join(dirname(config.databasePath), 'link-secret.key')}`;
}

function readOrCreateKeyFile(path: string): Buffer {
	try {
		return Buffer.from(readFileSync(path, 'utf8').trim(), 'hex');
	} catch (err) {
		if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
			throw err;
		}
	}
	mkdirSync(dirname(path), { recursive: true });
	try {
		// 'wx': two processes starting together keep the one key that was written first.
		writeFileSync(path, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
	} catch (err) {
		if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
			throw err;
		}
	}
	return Buffer.from(readFileSync(path, 'utf8').trim(), 'hex');
}

/** The secret links are derived from; read once per process (and again if its source changes). */
export function linkKey(): Buffer {
	const source = keySource();
	if (cachedKey?.source === source) {
		return cachedKey.key;
	}
	let key: Buffer;
	if (source.startsWith('env:')) {
		key = Buffer.from(source.slice(4), 'utf8');
		if (key.length < 32) {
			throw new Error('LINK_SECRET must be at least 32 characters long');
		}
	} else if (source === 'ephemeral') {
		key = randomBytes(32);
	} else {
		key = readOrCreateKeyFile(source.slice(5));
		if (key.length < 32) {
			throw new Error(`${source.slice(5)} does not hold a 32-byte hex key`);
		}
	}
	cachedKey = { source, key };
	return key;
}

/** The token a nonce stands for: 160 bits of HMAC-SHA256, base32 like every other token. */
export function tokenForNonce(nonce: string): string {
	const mac = createHmac('sha256', linkKey()).update(`rsvp-link:${nonce}`).digest();
	return encodeBase32LowerCaseNoPadding(mac.subarray(0, 20));
}

export interface MintedLink {
	nonce: string;
	/** What rsvp_token stores to look the link up. */
	hash: string;
	/** What a stored message holds where the token goes. */
	placeholder: string;
}

export function placeholderFor(nonce: string): string {
	return `~g~${nonce}~~~`;
}

export function linkFromNonce(nonce: string): MintedLink {
	return { nonce, hash: hashToken(tokenForNonce(nonce)), placeholder: placeholderFor(nonce) };
}

/** A new personal link: only its nonce and its token's hash are ever stored. */
export function mintLink(): MintedLink {
	return linkFromNonce(encodeBase32LowerCaseNoPadding(randomBytes(NONCE_BYTES)));
}

/**
 * Replaces every placeholder in `text`, also one split by iCalendar line folding (CRLF + space
 * or tab): the folds are taken out, the same-length replacement put in, and the folds put back
 * where they were, so a folded calendar file stays folded exactly as it was.
 */
function replacePlaceholders(text: string, replace: (nonce: string) => string): string {
	if (!text.includes('~')) {
		return text;
	}
	if (!/\r\n[ \t]/.test(text)) {
		return text.replace(PLACEHOLDER, (_, nonce: string) => replace(nonce));
	}
	const folds: { at: number; fold: string }[] = [];
	let removed = 0;
	const flat = text.replace(/\r\n[ \t]/g, (fold: string, offset: number) => {
		folds.push({ at: offset - removed, fold });
		removed += fold.length;
		return '';
	});
	const swapped = flat.replace(PLACEHOLDER, (_, nonce: string) => {
		const value = replace(nonce);
		if (value.length !== TOKEN_LENGTH) {
			throw new Error('a link replacement must keep the placeholder’s length');
		}
		return value;
	});
	let out = '';
	let from = 0;
	for (const { at, fold } of folds) {
		out += swapped.slice(from, at) + fold;
		from = at;
	}
	return out + swapped.slice(from);
}

/** The real links, for the SMTP server only (the mail worker calls this as it sends). */
export function revealLinks(text: string): string {
	return replacePlaceholders(text, tokenForNonce);
}

/** Links as staff see them: masked. */
export function maskLinks(text: string): string {
	return replacePlaceholders(text, () => MASK);
}

function mapContent(content: Buffer, fn: (text: string) => string): Buffer {
	// Only text attachments (the .ics) carry links; a binary file has no placeholder to find.
	if (!content.includes(0x7e)) {
		return content;
	}
	const text = content.toString('utf8');
	const out = fn(text);
	return out === text ? content : Buffer.from(out, 'utf8');
}

export function revealLinksIn(content: Buffer): Buffer {
	return mapContent(content, revealLinks);
}

export function maskLinksIn(content: Buffer): Buffer {
	return mapContent(content, maskLinks);
}
