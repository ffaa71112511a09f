#!/usr/bin/env bash
# Starts the demo portal (backend :7007 with the sandbox, app :3000), checks the backend
# answers as a newcomer would see it, then runs the Playwright tests in Debian's Chromium.
# Screenshots land in test-results/screenshots/ (test-results/screenshots/at-<instant>/ for a
# run at another instant). Stops the portal at the end.
#
# Usage: bash scripts/e2e.sh                          (at the current time)
#        bash scripts/e2e.sh --at 2026-12-05T03:00:00Z (the whole portal at another instant)
#        bash scripts/e2e.sh -- providers.test.ts     (arguments after -- go to playwright test)
#
# With --at, the backend (and the sandbox in it) and the smoke check run under libfaketime,
# shifted from the real clock by one offset, so the clock keeps ticking; every page in the
# browser gets the same offset through Playwright's clock API (packages/app/e2e-tests/clock.ts).
# The app server, which only serves the bundle, and the Playwright runner keep the real clock.
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
    --)
      shift
      break
      ;;
    *)
      echo "e2e: unknown argument $1 (usage: e2e.sh [--at <ISO instant>] [-- <playwright args>])" >&2
      exit 2
      ;;
  esac
done

shots="test-results/screenshots"
# the real clock, even when this script itself runs under faketime
real="$(env -u LD_PRELOAD -u FAKETIME date -u +%s)"
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
  offset=$((target - real))
  export LD_PRELOAD="$lib${LD_PRELOAD:+:$LD_PRELOAD}"
  export FAKETIME="$(printf '%+d' "$offset")"
  # timers, timeouts and the event loop keep the real monotonic clock
  export FAKETIME_DONT_FAKE_MONOTONIC=1
  export ONCALL_E2E_SCREENSHOTS="$shots/at-$(date -u -d "@$target" +%Y%m%dT%H%MZ)"
  shots="$ONCALL_E2E_SCREENSHOTS"
else
  label="the current time ($(date -u '+%A %H:%M UTC, %Y-%m-%d'))"
  # not zero when this script runs under faketime itself (a second apart is the same clock)
  offset=$(($(date -u +%s) - real))
  if [ "$offset" -ge -2 ] && [ "$offset" -le 2 ]; then
    offset=0
  fi
fi
# how far the portal's clock is from the real one, for the browser (e2e-tests/clock.ts)
export ONCALL_E2E_CLOCK_OFFSET_MS=$((offset * 1000))
echo "e2e: the portal runs at $label; the clock reads $(date -u '+%Y-%m-%dT%H:%M:%SZ')"

log="$root/node_modules/.cache/portal${at:+-at-$target}.log"
mkdir -p "$(dirname "$log")" "$shots"
# The backend (with the sandbox) keeps this script's clock. The app server only serves the
# bundle, so it keeps the real clock: under a clock set back, its file watcher took files for
# changed and rebuilt the bundle during the tests.
setsid bash -c 'env -u LD_PRELOAD -u FAKETIME -u FAKETIME_DONT_FAKE_MONOTONIC yarn start app &
  yarn start backend &
  wait' >"$log" 2>&1 &
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
# The runner keeps the real clock too (Playwright's clock API ignores a time set back when its
# own clock is set back with it) and installs the portal's clock in every page.
ONCALL_E2E_SERVER_RUNNING=1 env -u LD_PRELOAD -u FAKETIME -u FAKETIME_DONT_FAKE_MONOTONIC \
  yarn playwright test "$@" || {
  echo "e2e at $label: the Playwright tests failed" >&2
  exit 1
}
