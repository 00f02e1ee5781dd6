import type { ParamMatcher } from '@sveltejs/kit';

/**
 * A database id in a URL: a positive integer without sign, leading zeros or exponent, and small
 * enough to be exact in a JS number. Routes named `[id=id]` (or `[xId=id]`) never see anything
 * else, so no route parses or checks ids by hand; `/gatherings/abc` is a plain 404.
 * (A plain boolean, not a type guard: a guard would type the param as `${number}` and make every
 * `resolve(…, { id: String(n) })` fail to compile.)
 */
export const match: ParamMatcher = (param) => /^[1-9]\d{0,14}$/.test(param);
