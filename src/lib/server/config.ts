/**
 * Every setting Gala reads from the environment, in one place (the README's configuration table
 * lists the same names). Read lazily so tests and scripts can set them first.
 */
export const config = {
	get databasePath(): string {
		return process.env.DATABASE_PATH || 'data/gala.db';
	},
	/** Absolute base of links put in emails and calendar files, e.g. https://gala.example.com */
	get publicBaseUrl(): string {
		return (process.env.ORIGIN || process.env.PUBLIC_BASE_URL || 'http://localhost:3000').replace(
			/\/$/,
			''
		);
	},
	/** smtp://user:pass@host:587 or smtps://…; unset means mail stays in the outbox. */
	get smtpUrl(): string | null {
		return process.env.SMTP_URL || null;
	},
	get mailFrom(): string {
		return process.env.MAIL_FROM || 'gala@localhost';
	},
	/**
	 * The session cookie's Secure flag follows ORIGIN: an https origin means browsers reach Gala
	 * over TLS (directly or through a proxy), so the cookie must never travel over plain http.
	 * SECURE_COOKIES=true|false forces it either way.
	 */
	get secureCookies(): boolean {
		if (process.env.SECURE_COOKIES) {
			return process.env.SECURE_COOKIES === 'true';
		}
		return this.publicBaseUrl.startsWith('https:');
	},
	/**
	 * How long a guest's confirmation email waits for the answer to settle (a change meanwhile
	 * replaces it): CONFIRMATION_DELAY_SECONDS, default 180. Tests set a few seconds.
	 */
	get confirmationDelayMs(): number {
		const seconds = Number(process.env.CONFIRMATION_DELAY_SECONDS);
		return (Number.isFinite(seconds) && seconds >= 0 ? seconds : 180) * 1000;
	},
	get mailWorkerEnabled(): boolean {
		return process.env.MAIL_WORKER !== 'off';
	}
};
