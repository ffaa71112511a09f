#!/usr/bin/env bash
# The production build, as CI checks it (a stage of scripts/test.sh):
#   1. `yarn build:backend` (packages/backend/dist: skeleton.tar.gz + bundle.tar.gz);
#   2. the build output laid out as packages/backend/Dockerfile lays it out (production
#      dependencies only) and started with plain `node packages/backend` and app-config.yaml +
#      app-config.production.yaml: PostgreSQL databases and a Redis namespace of this run,
#      vendors = a standalone `yarn sandbox`, a static token; the on-call, incidents and SLOs
#      routes must say what the sandbox's vendors say (scripts/production/smoke.test.ts; the
#      checks themselves are tested in scripts/production/entityChecks.test.ts);
#   3. with a Docker engine, the image and docker-compose.yaml (+ docker-compose.demo.yaml), the
#      same checks; without one it prints "docker: no engine, skipping image build".
# Free loopback ports only: never the demo portal's 7007 and 3000.
# Usage: bash scripts/prod-smoke.sh     (ONCALL_PROD_SKIP_BUILD=1 reuses packages/backend/dist)
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=scripts/harness-env.sh
source scripts/harness-env.sh prod-smoke || exit 1
start=$SECONDS

if [ -z "${ONCALL_PROD_SKIP_BUILD:-}" ]; then
  log="$ONCALL_HARNESS_DIR/build-backend-$(date -u +%Y%m%dT%H%M%SZ).log"
  if ! yarn build:backend >"$log" 2>&1; then
    tail -n 60 "$log" >&2
    echo "prod-smoke: yarn build:backend failed ($log)" >&2
    exit 1
  fi
  echo "prod-smoke: yarn build:backend in $((SECONDS - start)) s ($log)"
fi

node --require @backstage/cli/config/nodeTransform.cjs \
  --test --test-concurrency=1 --test-reporter=spec --test-reporter-destination=stdout \
  scripts/production/entityChecks.test.ts scripts/production/smoke.test.ts
rc=$?
echo "prod-smoke: finished in $((SECONDS - start)) s (logs under $ONCALL_HARNESS_DIR)"
exit $rc
