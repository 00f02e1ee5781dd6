// iCalendar content lines (RFC 5545 §3.1), written by hand so that every value is escaped the
// way its type needs and every line is folded by octets. Pure string functions.
//
// Gala writes iCalendar itself (this file and ics.ts); the `ics` npm package is no longer used
// (nothing under src imports it), so there is no library internal to re-check on upgrades.
// What to re-check when changing this writer instead: files must still parse with ical.js and
// ts-ics (tests/integration/calendar.test.ts, tests/unit/ics-property.test.ts), lines must stay
// ≤ 75 octets with folds between UTF-8 characters, and UID/SEQUENCE/DTSTAMP must keep the
// meaning calendars use to update an entry in place (SEQUENCE rises with time or venue).

const CRLF = '\r\n';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Controls iCalendar cannot carry (TEXT and parameter values exclude CONTROL, RFC 5545 §3.1 and
// §3.3.11); tab stays, line breaks are handled by each escape.
// eslint-disable-next-line no-control-regex
const UNWRITABLE = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g;

/**
 * What any string becomes before it is written: line breaks (CRLF, CR) become LF, controls are
 * dropped, a lone surrogate (no UTF-8 form) becomes U+FFFD. Readers get this string back.
 */
export function normaliseText(value: string): string {
	return value.replace(LONE_SURROGATE, '\uFFFD').replace(/\r\n?/g, '\n').replace(UNWRITABLE, '');
}

/** A TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks escaped. */
export function escapeText(value: string): string {
	return normaliseText(value).replace(/[\\;,\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}

/**
 * A parameter value, always quoted (RFC 5545 §3.2), with RFC 6868's caret escapes for what a
 * quoted string cannot hold: a line break is ^n, a double quote ^', a caret ^^.
 */
export function quoteParameter(value: string): string {
	const escaped = normaliseText(value).replace(/[\^\n"]/g, (c) =>
		c === '^' ? '^^' : c === '\n' ? '^n' : "^'"
	);
	return `"${escaped}"`;
}

// Where a value spells a component delimiter, a fold goes inside it ("B" CRLF " EGIN:"): readers
// that look for BEGIN:VEVENT / END:VEVENT in the raw text (ts-ics does) then never cut an event
// at a guest's or host's text, while every reader that unfolds gets the text back unchanged.
const DELIMITER = /(?:BEGIN|END):/gi;

/**
 * Folds one content line so that no line passes 75 octets of UTF-8 (RFC 5545 §3.1), breaking
 * only between code points; a continuation starts with one space, which readers remove.
 */
export function fold(line: string): string {
	const forced: number[] = [];
	for (const match of line.matchAll(DELIMITER)) {
		if (match.index > 0) {
			forced.push(match.index + 1);
		}
	}
	if (line.length <= 25 && forced.length === 0) {
		return line; // a UTF-16 unit is at most 3 octets (a pair of them 4): 25 fit in 75
	}
	let out = '';
	let start = 0;
	let octets = 0;
	let next = 0;
	for (let i = 0; i < line.length; i += 1) {
		const code = line.charCodeAt(i);
		// The second half of a surrogate pair was counted with the first (4 octets in all); no
		// lone surrogate reaches here.
		if (code >= 0xdc00 && code < 0xe000) {
			continue;
		}
		const size = code < 0x80 ? 1 : code < 0x800 ? 2 : code >= 0xd800 && code < 0xdc00 ? 4 : 3;
		const breakHere = forced[next] === i;
		if (breakHere) {
			next += 1;
		}
		if (octets + size > 75 || (breakHere && i > start)) {
			out += `${line.slice(start, i)}${CRLF} `;
			start = i;
			octets = 1;
		}
		octets += size;
	}
	return out + line.slice(start);
}

/** A URI value (mailto:, https:): printable ASCII only, anything else percent-encoded. */
export function uriValue(value: string): string {
	return normaliseText(value).replace(/[^\x21-\x7e]+/g, (s) => encodeURIComponent(s));
}

/** One property: NAME;PARAM="…":value, folded and ended with CRLF. */
export function contentLine(
	name: string,
	value: string,
	parameters: Record<string, string> = {}
): string {
	let head = name;
	for (const [key, raw] of Object.entries(parameters)) {
		head += `;${key}=${quoteParameter(raw)}`;
	}
	return fold(`${head}:${value}`) + CRLF;
}

/** A TEXT property. */
export function textLine(name: string, value: string): string {
	return contentLine(name, escapeText(value));
}

/** UTC DATE-TIME (RFC 5545 §3.3.5, form 2): 20261218T170000Z. */
export function utcDateTime(ms: number): string {
	return new Date(ms)
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d{3}/, '');
}
