#!/usr/bin/env bash
# Source this file: puts Node 22 and Yarn 4 (both fetched by scripts/bootstrap.sh) on PATH.
# It installs nothing itself beyond what bootstrap.sh does, and is safe to source many times.
_oncall_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$_oncall_root/scripts/bootstrap.sh" >&2 || return 1 2>/dev/null || exit 1
export PATH="$_oncall_root/.tools/bin:$_oncall_root/.tools/node/bin:$PATH"
export npm_config_nodedir="$_oncall_root/.tools/node"
if [ -z "${YARN_NPM_REGISTRY_SERVER:-}" ]; then
  YARN_NPM_REGISTRY_SERVER="$(cd / && npm config get registry 2>/dev/null)"
  export YARN_NPM_REGISTRY_SERVER="${YARN_NPM_REGISTRY_SERVER%/}"
fi
export YARN_ENABLE_TELEMETRY=0
unset _oncall_root
