#!/usr/bin/env bash
# Runs every check of the repository, the way CI does:
#   type check, API and dependency reports, lint, unit and integration tests (stores on SQLite and PostgreSQL),
#   the reliability suite, the production build (the built backend on PostgreSQL + Redis, and
#   the Docker image where there is an engine), a backend start smoke test and the Chromium
#   end-to-end tests, the latter twice: at the current time and with the whole portal at
#   Saturday 03:00 UTC. Time-sensitive unit tests run at pinned instants inside the jest stage
#   (README, "Testing").
# Installs what it needs first (Node 22, Yarn deps, PostgreSQL/Redis/Chromium when absent).
# Usage: bash scripts/test.sh            (everything)
#        ONCALL_SKIP_E2E=1 bash scripts/test.sh   (no portal start / browser, no install test)
#        ONCALL_SKIP_INSTALL_TEST=1 bash scripts/test.sh   (without the install guide test)
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=/dev/null
source scripts/env.sh || exit 1
bash scripts/services.sh || exit 1
# shellcheck source=/dev/null
source scripts/test-env.sh

results=()
failed=0
stage() {
  local name="$1"
  shift
  local start=$SECONDS
  echo "::: $name"
  if "$@"; then
    results+=("ok    $name ($((SECONDS - start)) s)")
  else
    results+=("FAIL  $name ($((SECONDS - start)) s)")
    failed=$((failed + 1))
  fi
}

install() {
  if [ -n "${CI:-}" ]; then
    yarn install --immutable
  else
    yarn install
  fi
}

jest_all() {
  local report="$root/node_modules/.cache/jest-report.json"
  mkdir -p "$(dirname "$report")"
  rm -f "$report"
  CI=true yarn test --json --outputFile="$report" "$@"
  local rc=$?
  if [ -f "$report" ]; then
    node -e '
      const r = require(process.argv[1]);
      console.log(`jest: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped (${r.numTotalTestSuites} suites)`);
    ' "$report"
  fi
  return $rc
}

stage "install" install || true
stage "type check (yarn tsc)" yarn tsc
stage "type check of the harness, reliability suite and benchmarks" yarn tsc -p scripts
# the committed report.api.md (public API) and knip-report.md (dependencies) of each plugin
# must match the code: both fail when a report is stale (`yarn build:api-reports`,
# `yarn build:knip-reports` regenerate them). The API reports read the `yarn tsc` output above.
stage "API reports up to date (backstage-repo-tools api-reports --ci)" yarn check:api-reports
stage "dependency reports up to date (backstage-repo-tools knip-reports --ci)" yarn check:knip-reports
stage "lint (yarn lint:all)" yarn lint:all
stage "config check: both app-configs against config.d.ts, a wrong type refused by key" \
  bash scripts/config-check/run.sh
stage "unit and integration tests (yarn test)" jest_all
if [ -f scripts/reliability.sh ]; then
  stage "reliability suite (yarn test:reliability)" yarn test:reliability
fi
stage "production build: built backend with the production config, Docker image" bash scripts/prod-smoke.sh
if [ -z "${ONCALL_SKIP_E2E:-}" ]; then
  stage "portal smoke + end-to-end in Chromium at the current time ($(date -u '+%A %H:%M UTC, %Y-%m-%d'))" \
    bash scripts/e2e.sh
  # once more with the whole portal on a Saturday night, when checkout_weekday has nobody on
  # call (scripts/e2e.sh --at: libfaketime for the portal, Playwright's clock for the browser)
  stage "portal smoke + end-to-end in Chromium at Saturday 03:00 UTC (2026-12-05)" \
    bash scripts/e2e.sh --at 2026-12-05T03:00:00Z
fi
if [ -z "${ONCALL_SKIP_E2E:-}" ] && [ -z "${ONCALL_SKIP_INSTALL_TEST:-}" ]; then
  # the READMEs' install guide in a fresh create-app app, from the packed tarballs
  # (~14 min on 2 vCPU: pack, scaffold install from the registry, README steps, app build,
  # the routes and the On-call tab in Chromium)
  stage "install guide in a fresh create-app app: packed packages, README steps, tabs in Chromium" \
    bash scripts/install-test/run.sh
fi

echo
echo "::: summary"
printf '%s\n' "${results[@]}"
passed=$((${#results[@]} - failed))
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
