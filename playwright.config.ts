import { defineConfig, devices } from '@playwright/test';
import { ADMIN_STATE } from './tests/e2e/support/env';

// Ports and paths come from tests/e2e/support/env.ts so that several runs can share a machine
// (E2E_PORT, SINK_SMTP_PORT, SINK_HTTP_PORT, GALA_BUILD_DIR).
import {
	BASE_URL as baseURL,
	E2E_DB,
	E2E_OUT,
	MAIL_SINK,
	PORT as port,
	SINK_SMTP_PORT
} from './tests/e2e/support/env';

// Debian's Chromium: Playwright cannot download its own browser on these machines.
const launchOptions = {
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: [
		'--no-sandbox',
		'--disable-gpu',
		'--disable-quic',
		'--no-first-run',
		'--disable-background-networking',
		'--disable-component-update',
		'--disable-sync'
	]
};

export default defineConfig({
	testDir: 'tests/e2e',
	outputDir: E2E_OUT,
	fullyParallel: false,
	workers: 1,
	retries: 0,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	use: { baseURL, launchOptions, trace: 'retain-on-failure', locale: 'zh-CN' },
	projects: [
		{ name: 'setup', testMatch: /first-run\.setup\.ts/, use: { ...devices['Desktop Chrome'] } },
		{
			name: 'desktop',
			dependencies: ['setup'],
			testIgnore: /\.setup\.ts/,
			use: {
				...devices['Desktop Chrome'],
				storageState: ADMIN_STATE
			}
		},
		{
			name: 'phone',
			dependencies: ['setup'],
			testIgnore: /\.setup\.ts/,
			grep: /@phone/,
			use: {
				...devices['Pixel 7'],
				storageState: ADMIN_STATE
			}
		}
	],
	webServer: [
		{
			command: 'npx tsx tests/e2e/support/mail-sink.ts',
			url: `${MAIL_SINK}/health`,
			reuseExistingServer: false,
			stdout: 'ignore'
		},
		{
			command: `rm -f ${E2E_DB}* && node ${process.env.GALA_BUILD_DIR ?? 'build'}`,
			url: `${baseURL}/healthz`,
			reuseExistingServer: false,
			env: {
				PORT: String(port),
				HOST: '127.0.0.1',
				ORIGIN: baseURL,
				DATABASE_PATH: E2E_DB,
				SMTP_URL: `smtp://127.0.0.1:${SINK_SMTP_PORT}`,
				MAIL_FROM: 'gala@example.com',
				// Confirmations wait this long for an answer to settle (3 minutes in use); long enough
				// that a guest's quick changes on a busy machine still fall inside one wait.
				CONFIRMATION_DELAY_SECONDS: '8'
			}
		}
	]
});
