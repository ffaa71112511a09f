#!/usr/bin/env bash
# Source this file from a script that starts harness processes (scripts/harness), at the
# repository root: puts the toolchain on PATH (env.sh), makes sure PostgreSQL and Redis are up
# (services.sh) and sets ONCALL_HARNESS_DIR (logs and generated config), creating it.
# Usage: source scripts/harness-env.sh <name for messages> || exit 1
# shellcheck source=/dev/null
source scripts/env.sh || return 1
bash scripts/services.sh >/dev/null || { echo "$1: PostgreSQL/Redis not available" >&2; return 1; }

export ONCALL_HARNESS_DIR="${ONCALL_HARNESS_DIR:-${TMPDIR:-/tmp}/oncall-harness}"
mkdir -p "$ONCALL_HARNESS_DIR"
