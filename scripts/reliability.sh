#!/usr/bin/env bash
# The reliability and security suite: vendor faults, 429 storms, two replicas on PostgreSQL +
# Redis with a crash and a restart, the syncs split into shards shared by two replicas (one killed
# mid-run), shift reminders sent once across replicas and a restart,
# a crash mid-backfill, migrations up/down/up, fuzzing and auth, paging abuse (rate limit, a
# burst of pages beside the sync, the policy).
# Runs real backend processes and a standalone vendor sandbox (scripts/harness), so it
# makes sure PostgreSQL and Redis are up first. Prints node:test's results and, at the end,
# every measured figure (also written to $ONCALL_FIGURES_FILE as JSON lines).
# Usage: bash scripts/reliability.sh [test file ...]    (default: every scripts/reliability/*.test.ts)
# Knobs: ONCALL_FAULT_SECONDS (20), ONCALL_STORM_SECONDS (40), ONCALL_REPLICA_WINDOW_SECONDS (40),
#        ONCALL_FUZZ_SEED, ONCALL_RELIABILITY_CONCURRENCY (3 files at a time; they mostly wait on
#        timers, so three fit on 2 cores), ONCALL_HARNESS_DIR (logs and config).
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=scripts/harness-env.sh
source scripts/harness-env.sh reliability || exit 1
export ONCALL_FIGURES_FILE="${ONCALL_FIGURES_FILE:-$ONCALL_HARNESS_DIR/figures-$(date -u +%Y%m%dT%H%M%SZ).jsonl}"
: >"$ONCALL_FIGURES_FILE"

if [ "$#" -gt 0 ]; then
  files=("$@")
else
  # longest first, so the files running side by side finish close together
  files=(
    scripts/reliability/faults.test.ts
    scripts/reliability/replicas.test.ts
    scripts/reliability/reminders.test.ts
    scripts/reliability/shards.test.ts
    scripts/reliability/rate-limits.test.ts
    scripts/reliability/paging.test.ts
    scripts/reliability/backfill-crash.test.ts
    scripts/reliability/security-input.test.ts
    scripts/reliability/security-access.test.ts
    scripts/reliability/migrations.test.ts
    scripts/reliability/jsm.test.ts
    scripts/reliability/pagerduty.test.ts
  )
fi

start=$SECONDS
node --require @backstage/cli/config/nodeTransform.cjs \
  --test --test-concurrency="${ONCALL_RELIABILITY_CONCURRENCY:-3}" \
  --test-reporter=spec --test-reporter-destination=stdout \
  "${files[@]}"
rc=$?
echo
echo "reliability: figures ($ONCALL_FIGURES_FILE)"
node -e '
  const lines = require("fs").readFileSync(process.argv[1], "utf8").split("\n").filter(Boolean);
  for (const line of lines) console.log("  " + line);
' "$ONCALL_FIGURES_FILE"
echo "reliability: finished in $((SECONDS - start)) s (logs and generated config under $ONCALL_HARNESS_DIR)"
exit $rc
