// Totals the JSON reports of vitest and Playwright into the one closing line CI reads.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, vitestStatus, buildStatus, e2eStatus] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;

const vitestFile = join(dir, 'vitest.json');
if (existsSync(vitestFile)) {
	const report = JSON.parse(readFileSync(vitestFile, 'utf8'));
	passed += report.numPassedTests;
	failed += report.numFailedTests;
	skipped += report.numPendingTests + report.numTodoTests;
	// A suite that failed to load has no tests but must still count as a failure.
	failed += report.testResults.filter(
		(r) => r.status === 'failed' && r.assertionResults.length === 0
	).length;
	console.log(
		`unit + integration: ${report.numPassedTests} passed, ${report.numFailedTests} failed`
	);
} else {
	failed += 1;
	console.log('unit + integration: no report (vitest did not run)');
}

const e2eFile = join(dir, 'playwright.json');
if (existsSync(e2eFile)) {
	const { stats, errors } = JSON.parse(readFileSync(e2eFile, 'utf8'));
	passed += stats.expected + stats.flaky;
	failed += stats.unexpected + (errors?.length ?? 0);
	skipped += stats.skipped;
	console.log(`end-to-end: ${stats.expected + stats.flaky} passed, ${stats.unexpected} failed`);
} else {
	failed += 1;
	console.log(`end-to-end: no report (build exit ${buildStatus}, playwright exit ${e2eStatus})`);
}

if (failed === 0 && (vitestStatus !== '0' || e2eStatus !== '0')) {
	failed += 1;
	console.log(`a runner exited non-zero (vitest ${vitestStatus}, playwright ${e2eStatus})`);
}

console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed === 0 ? 0 : 1);
