#!/usr/bin/env bash
# Starts the demo portal (backend :7007 with the sandbox, app :3000), checks the backend
# answers as a newcomer would see it, then runs the Playwright tests in Debian's Chromium.
# Screenshots land in test-results/screenshots/ (test-results/screenshots/at-<instant>/ for a
# run at another instant). Stops the portal at the end.
#
# Usage: bash scripts/e2e.sh                          (at the current time)
#        bash scripts/e2e.sh --at 2026-12-05T03:00:00Z (the whole portal at another instant)
#
# With --at, every process of the portal (backend, sandbox, app server), the smoke check and
# the Playwright runner run under libfaketime, shifted by the same offset from the real clock,
# so their clocks agree and keep ticking; the browser takes the runner's clock through
# Playwright's clock API (packages/app/e2e-tests/clock.ts).
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=/dev/null
source scripts/env.sh || exit 1

at=""
while [ $# -gt 0 ]; do
  case "$1" in
    --at)
      at="${2:-}"
      shift 2
      ;;
    *)
      echo "e2e: unknown argument $1 (usage: e2e.sh [--at <ISO instant>])" >&2
      exit 2
      ;;
  esac
done

shots="test-results/screenshots"
if [ -n "$at" ]; then
  target="$(date -u -d "$at" +%s 2>/dev/null)" || {
    echo "e2e: --at $at is not a date" >&2
    exit 2
  }
  label="$(date -u -d "@$target" '+%A %H:%M UTC (%Y-%m-%d)')"
  lib="$(dpkg -L libfaketime 2>/dev/null | grep '/libfaketime\.so\.1$' | head -n 1)"
  if [ -z "$lib" ] || [ ! -e "$lib" ]; then
    echo "e2e at $label: libfaketime is missing (apt-get install faketime)" >&2
    exit 1
  fi
  # the offset from the real clock, even when this script itself runs under faketime
  real="$(env -u LD_PRELOAD -u FAKETIME date -u +%s)"
  offset=$((target - real))
  export LD_PRELOAD="$lib${LD_PRELOAD:+:$LD_PRELOAD}"
  export FAKETIME="$(printf '%+d' "$offset")"
  # timers, timeouts and the event loop keep the real monotonic clock
  export FAKETIME_DONT_FAKE_MONOTONIC=1
  export ONCALL_E2E_SCREENSHOTS="$shots/at-$(date -u -d "@$target" +%Y%m%dT%H%MZ)"
  shots="$ONCALL_E2E_SCREENSHOTS"
else
  label="the current time ($(date -u '+%A %H:%M UTC, %Y-%m-%d'))"
fi
echo "e2e: the portal runs at $label; the clock reads $(date -u '+%Y-%m-%dT%H:%M:%SZ')"

log="$root/node_modules/.cache/portal${at:+-at-$target}.log"
mkdir -p "$(dirname "$log")" "$shots"
setsid yarn start >"$log" 2>&1 &
portal_pid=$!
stop() { kill -- -"$portal_pid" 2>/dev/null; wait "$portal_pid" 2>/dev/null; }
trap stop EXIT

wait_for() { # url seconds
  local deadline=$((SECONDS + $2))
  until curl -fsS -o /dev/null "$1" 2>/dev/null; do
    if [ $SECONDS -ge $deadline ]; then
      echo "e2e at $label: $1 did not answer within $2 s; portal log:" >&2
      tail -n 60 "$log" >&2
      return 1
    fi
    sleep 2
  done
}

wait_for http://localhost:7007/api/oncall/health 240 || exit 1
bash scripts/smoke.sh http://localhost:7007 || {
  echo "e2e at $label: the smoke check failed; portal log:" >&2
  tail -n 60 "$log" >&2
  exit 1
}
wait_for http://localhost:3000 240 || exit 1
ONCALL_E2E_SERVER_RUNNING=1 yarn playwright test || {
  echo "e2e at $label: the Playwright tests failed" >&2
  exit 1
}
