import { defineConfig, devices } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 4173);
const baseURL = `http://127.0.0.1:${port}`;
const MAIL_SINK = 'http://127.0.0.1:4026';

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
	outputDir: 'test-results/e2e',
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
				storageState: 'test-results/e2e-admin.json'
			}
		},
		{
			name: 'phone',
			dependencies: ['setup'],
			testIgnore: /\.setup\.ts/,
			grep: /@phone/,
			use: {
				...devices['Pixel 7'],
				storageState: 'test-results/e2e-admin.json'
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
			command: 'rm -f test-results/e2e.db* && node build',
			url: `${baseURL}/healthz`,
			reuseExistingServer: false,
			env: {
				PORT: String(port),
				HOST: '127.0.0.1',
				ORIGIN: baseURL,
				DATABASE_PATH: 'test-results/e2e.db',
				SMTP_URL: 'smtp://127.0.0.1:4025',
				MAIL_FROM: 'gala@example.com'
			}
		}
	]
});
