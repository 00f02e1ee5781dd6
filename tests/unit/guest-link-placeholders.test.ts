import { describe, expect, it } from 'vitest';
import { hashToken } from '$lib/server/auth/tokens';
import {
	linkFromNonce,
	maskLinks,
	MASK,
	mintLink,
	revealLinks,
	revealLinksIn,
	tokenForNonce
} from '$lib/server/rsvp/links';

/** Folds at 75 octets as iCalendar does (ASCII here): CRLF and a space before each rest. */
function fold(line: string): string {
	const parts = [line.slice(0, 75)];
	for (let i = 75; i < line.length; i += 74) {
		parts.push(` ${line.slice(i, i + 74)}`);
	}
	return parts.join('\r\n');
}

describe('personal link placeholders', () => {
	it('a placeholder is as long as the token it stands for, and only the key turns one into the other', () => {
		const link = mintLink();
		const token = tokenForNonce(link.nonce);
		expect(link.placeholder).toHaveLength(token.length);
		expect(link.hash).toBe(hashToken(token));
		expect(link.placeholder).not.toContain(token);
		expect(tokenForNonce(link.nonce)).toBe(token);
		expect(mintLink().nonce).not.toBe(link.nonce);
		expect(linkFromNonce(link.nonce).hash).toBe(link.hash);
	});

	it('reveals and masks links in text and HTML', () => {
		const { placeholder, nonce } = mintLink();
		const html = `<a href="https://gala.example/rsvp/${placeholder}">open</a> https://gala.example/rsvp/${placeholder}/calendar.ics`;
		const revealed = revealLinks(html);
		expect(revealed).toBe(html.replaceAll(placeholder, tokenForNonce(nonce)));
		expect(maskLinks(html)).toBe(html.replaceAll(placeholder, MASK));
		expect(revealLinks('no links here ~ at all')).toBe('no links here ~ at all');
	});

	it('reveals a link split by a calendar line fold and keeps every fold where it was', () => {
		const { placeholder, nonce } = mintLink();
		const token = tokenForNonce(nonce);
		for (let pad = 0; pad < 40; pad++) {
			const line = `URL:https://gala.example/${'p'.repeat(pad)}/rsvp/${placeholder}`;
			const ics = `BEGIN:VEVENT\r\n${fold(line)}\r\nEND:VEVENT\r\n`;
			const out = revealLinksIn(Buffer.from(ics)).toString('utf8');
			expect(out).toBe(
				`BEGIN:VEVENT\r\n${fold(line.replace(placeholder, token))}\r\nEND:VEVENT\r\n`
			);
			expect(out.split('\r\n').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
		}
	});

	it('leaves a binary attachment untouched', () => {
		const binary = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x7e, 0x0d, 0x0a, 0x20, 0xff, 0x7e]);
		expect(revealLinksIn(binary)).toBe(binary);
	});
});
