#!/usr/bin/env bash
# Runs every test suite (unit + integration with vitest, end-to-end with Playwright in Chromium)
# and ends with one line totalling them all: "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
out=test-results/summary
mkdir -p "$out"
rm -f "$out"/*.json

echo "== unit + integration (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile.json="$out/vitest.json"
vitest_status=$?

echo "== build for end-to-end tests"
npx vite build --logLevel warn
build_status=$?

e2e_status=1
if [ "$build_status" -eq 0 ]; then
	echo "== end-to-end (Playwright, Chromium)"
	PLAYWRIGHT_JSON_OUTPUT_NAME="$out/playwright.json" npx playwright test --reporter=list,json
	e2e_status=$?
fi

node scripts/test-summary.mjs "$out" "$vitest_status" "$build_status" "$e2e_status"
