#!/usr/bin/env bash
# Starts the demo portal: installs Node 22 and the dependencies when needed, then runs the
# app on http://localhost:3000 and the backend (with the vendor sandbox) on :7007.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=/dev/null
source scripts/env.sh
yarn install
exec yarn start "$@"
