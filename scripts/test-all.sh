#!/usr/bin/env bash
# Runs every test suite (unit + integration with vitest, end-to-end with Playwright in Chromium)
# and ends with one line totalling them all: "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
out=test-results/summary
mkdir -p "$out"
rm -f "$out"/*.json

# Built once, first: the end-to-end suite and the integration test that stops the built server
# with SIGTERM (tests/integration/shutdown.test.ts) both use this build; it is skipped when the
# sources have not changed since the last one (the hash `npm start` keeps, scripts/setup/).
echo "== build"
node scripts/setup/ensure.mjs build
build_status=$?

echo "== unit + integration (vitest)"
GALA_TEST_BUILD_DIR="${GALA_BUILD_DIR:-build}" npx vitest run --reporter=default --reporter=json --outputFile.json="$out/vitest.json"
vitest_status=$?

e2e_status=1
if [ "$build_status" -eq 0 ]; then
	echo "== end-to-end (Playwright, Chromium)"
	PLAYWRIGHT_JSON_OUTPUT_NAME="$out/playwright.json" npx playwright test --reporter=list,json
	e2e_status=$?
fi

node scripts/test-summary.mjs "$out" "$vitest_status" "$build_status" "$e2e_status"
