#!/usr/bin/env bash
# Starts the demo portal (backend :7007 with the sandbox, app :3000), checks the backend
# answers as a newcomer would see it, then runs the Playwright tests in Debian's Chromium.
# Screenshots land in test-results/screenshots/. Stops the portal at the end.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=/dev/null
source scripts/env.sh || exit 1

log="$root/node_modules/.cache/portal.log"
mkdir -p "$(dirname "$log")" test-results/screenshots
setsid yarn start >"$log" 2>&1 &
portal_pid=$!
stop() { kill -- -"$portal_pid" 2>/dev/null; wait "$portal_pid" 2>/dev/null; }
trap stop EXIT

wait_for() { # url seconds
  local deadline=$((SECONDS + $2))
  until curl -fsS -o /dev/null "$1" 2>/dev/null; do
    if [ $SECONDS -ge $deadline ]; then
      echo "e2e: $1 did not answer within $2 s; portal log:" >&2
      tail -n 60 "$log" >&2
      return 1
    fi
    sleep 2
  done
}

wait_for http://localhost:7007/api/oncall/health 240 || exit 1
bash scripts/smoke.sh http://localhost:7007 || { tail -n 60 "$log" >&2; exit 1; }
wait_for http://localhost:3000 240 || exit 1
ONCALL_E2E_SERVER_RUNNING=1 yarn playwright test
