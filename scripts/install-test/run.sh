#!/usr/bin/env bash
# The install guide, followed in someone else's app: builds and packs the five packages, makes
# a fresh app with the @backstage/create-app release that backstage.json pins, adds the
# packages from the tarballs and applies exactly the steps marked in the packages' READMEs
# (apply-readme.js), starts the app's backend with the demo sandbox, and checks the On-call,
# Incidents and SLOs routes and, in Chromium, the On-call tab of a demo service (check.js).
#
# Usage: bash scripts/install-test/run.sh
#   ONCALL_INSTALL_TEST_DIR=<dir>   work there (default: a new temporary folder, removed after a pass)
#   ONCALL_INSTALL_TEST_PORT=<port> the app's backend port (default 7007, the README's)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
# shellcheck source=/dev/null
source scripts/env.sh

started=$SECONDS
lap() { echo "::: install test: $1 ($((SECONDS - started)) s)"; }

# create-app releases by Backstage release (https://backstage.io/docs/releases); the scaffold's own
# backstage.json is checked against ours below, so a stale entry fails loudly.
backstage="$(node -p 'require("./backstage.json").version')"
case "$backstage" in
  1.55.*) create_app=0.9.2 ;;
  *)
    echo "install test: no @backstage/create-app version known for Backstage $backstage; add it to $0" >&2
    exit 1
    ;;
esac

work="${ONCALL_INSTALL_TEST_DIR:-$(mktemp -d /tmp/oncall-install-test.XXXXXX)}"
port="${ONCALL_INSTALL_TEST_PORT:-7007}"
mkdir -p "$work/tarballs"
app="$work/app"
backend_pid=""
cleanup() {
  local rc=$?
  if [ -n "$backend_pid" ]; then
    kill -- -"$backend_pid" 2>/dev/null || kill "$backend_pid" 2>/dev/null || true
    wait "$backend_pid" 2>/dev/null || true
  fi
  if [ "$rc" -eq 0 ] && [ -z "${ONCALL_INSTALL_TEST_DIR:-}" ]; then
    rm -rf "$work"
  elif [ "$rc" -ne 0 ]; then
    echo "install test failed; the app and its logs are in $work" >&2
  fi
}
trap cleanup EXIT

packages=(oncall-common oncall oncall-backend search-backend-module-oncall oncall-sandbox-backend)

# 1. build and pack. `yarn pack` is Yarn's `npm pack`: it runs the same prepack/postpack scripts
# and also turns `workspace:^` ranges into the released versions, which `npm pack` cannot.
yarn tsc
for p in "${packages[@]}"; do
  (cd "plugins/$p" && yarn backstage-cli package build && yarn pack --out "$work/tarballs/%s-%v.tgz" >/dev/null)
done
# scoped names: @oncall-for-backstage/plugin-x-0.1.0.tgz → oncall-for-backstage-plugin-x-0.1.0.tgz
for f in "$work"/tarballs/@*; do
  [ -e "$f" ] || continue
  mv "$f" "$work/tarballs/$(basename "$f" | sed 's/^@//')"
done
ls "$work/tarballs"
lap "packed"

# 2. a fresh app, installed from the registry npm uses
registry="$(npm config get registry)"
if [ ! -d "$app" ]; then
  (cd "$work" && BACKSTAGE_APP_NAME=app npx -y "@backstage/create-app@$create_app" --path "$app" --skip-install)
fi
scaffolded="$(node -p "require('$app/backstage.json').version")"
if [ "$scaffolded" != "$backstage" ]; then
  echo "install test: create-app $create_app makes Backstage $scaffolded, backstage.json pins $backstage" >&2
  exit 1
fi
cd "$app"
export YARN_NPM_REGISTRY_SERVER="$registry"
export YARN_ENABLE_IMMUTABLE_INSTALLS=false
yarn install
lap "create-app $create_app (Backstage $scaffolded) installed"

# 3. the packages are not on the registry yet: each of them, wherever it is asked for (one of
# them by another), resolves to its tarball
node -e '
  const fs = require("fs");
  const [dir] = process.argv.slice(1);
  const pkg = JSON.parse(fs.readFileSync("package.json", "utf8"));
  pkg.resolutions = pkg.resolutions ?? {};
  for (const f of fs.readdirSync(dir)) {
    const m = /^oncall-for-backstage-(.+)-\d+\.\d+\.\d+.*\.tgz$/.exec(f);
    if (m) pkg.resolutions[`@oncall-for-backstage/${m[1]}`] = `file:${dir}/${f}`;
  }
  fs.writeFileSync("package.json", JSON.stringify(pkg, null, 2) + "\n");
' "$work/tarballs"

# 4. the READMEs' steps, in the order of the root README's "Use it in your Backstage"
node "$root/scripts/install-test/apply-readme.js" "$app" "$work/tarballs" \
  "$root/plugins/oncall-backend/README.md" \
  "$root/plugins/oncall/README.md" \
  "$root/plugins/search-backend-module-oncall/README.md" \
  "$root/plugins/oncall-sandbox-backend/README.md"
yarn tsc
lap "README steps applied, the app type-checks"

# 5. the app's bundle, served by its backend (app-backend), so one port serves both
yarn --cwd packages/app build
lap "app built"

cat >"$app/app-config.install-test.yaml" <<YAML
app:
  baseUrl: http://localhost:$port
backend:
  baseUrl: http://localhost:$port
  listen: { port: $port }
YAML

# 6. start and check, holding the portal lock: the port is shared with the other portal runs
flock /tmp/oncall-portal.lock bash -euo pipefail -c '
  app="$1"; port="$2"; root="$3"
  cd "$app/packages/backend"
  setsid yarn start --config ../../app-config.yaml --config ../../app-config.local.yaml \
    --config ../../app-config.install-test.yaml >"$app/backend.log" 2>&1 &
  pid=$!
  trap "kill -- -$pid 2>/dev/null || true; wait $pid 2>/dev/null || true" EXIT
  for _ in $(seq 1 180); do
    if curl -fsS "http://localhost:$port/api/oncall/health" >/dev/null 2>&1; then break; fi
    if ! kill -0 "$pid" 2>/dev/null; then tail -40 "$app/backend.log"; exit 1; fi
    sleep 2
  done
  curl -fsS "http://localhost:$port/api/oncall/health" >/dev/null || { tail -40 "$app/backend.log"; exit 1; }
  cd "$app"
  node "$root/scripts/install-test/check.js" "http://localhost:$port" component/default/storefront-web \
    || { tail -40 "$app/backend.log"; exit 1; }
' install-test "$app" "$port" "$root"
lap "passed"
