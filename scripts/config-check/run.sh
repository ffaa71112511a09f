#!/usr/bin/env bash
# Checks app-config.yaml and app-config.production.yaml against every package's config.d.ts
# (`backstage-cli config:check --strict`), then proves the check has teeth: a config with a wrong
# type under `oncall` must fail, and the failure must name the key.
# Usage: bash scripts/config-check/run.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

check() {
  yarn backstage-cli config:check --strict "$@" 2>&1
}

echo "--- app-config.yaml"
check --config app-config.yaml

# The production file reads its values from the environment; give every variable a value of the
# right shape so the check sees what a deployment sees.
echo "--- app-config.yaml + app-config.production.yaml"
APP_BASE_URL=https://backstage.example.com \
  BACKEND_BASE_URL=https://backstage.example.com \
  BACKEND_SECRET=a-long-random-secret \
  POSTGRES_HOST=db.example.com POSTGRES_PORT=5432 POSTGRES_USER=backstage POSTGRES_PASSWORD=secret \
  REDIS_URL=redis://cache.example.com:6379 \
  OPSGENIE_API_URL=https://api.opsgenie.com OPSGENIE_API_KEY=key OPSGENIE_WEB_URL=https://acme.app.opsgenie.com \
  BLAMELESS_URL=https://acme.blameless.io BLAMELESS_API_KEY=key \
  DATADOG_API_URL=https://api.datadoghq.com DATADOG_WEB_URL=https://app.datadoghq.com \
  DATADOG_API_KEY=key DATADOG_APP_KEY=key \
  ONCALL_IC_SCHEDULE=sre-incident-commander \
  check --config app-config.yaml --config app-config.production.yaml

echo "--- a wrong type under oncall must fail, naming the key"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/wrong-type.yaml" <<'YAML'
oncall:
  vendorTimeoutMs: five seconds
  paging:
    allowedGroups: group:default/sre
YAML
if out="$(check --config app-config.yaml --config "$tmp/wrong-type.yaml")"; then
  echo "$out"
  echo "config:check accepted oncall.vendorTimeoutMs: 'five seconds'" >&2
  exit 1
fi
echo "$out"
for key in /oncall/vendorTimeoutMs /oncall/paging/allowedGroups; do
  if ! grep -q -- "$key" <<<"$out"; then
    echo "config:check failed without naming $key" >&2
    exit 1
  fi
done
echo "config check: both files pass; a wrong type is refused with its key named"
