#!/usr/bin/env bash
# Makes sure the local services the tests use are there and running:
# PostgreSQL on 127.0.0.1:5432 (user postgres / password postgres), Redis on 127.0.0.1:6379,
# Debian's Chromium for the end-to-end tests and libfaketime for running them at another
# instant. Installs them with apt-get when absent (needs root, as on CI and the project's
# machines). Idempotent.
set -euo pipefail

need=()
command -v pg_ctlcluster >/dev/null 2>&1 || need+=(postgresql)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
[ -x /usr/bin/chromium ] || need+=(chromium)
# libfaketime, for the end-to-end run at a pinned instant (scripts/e2e.sh --at)
command -v faketime >/dev/null 2>&1 || need+=(faketime)
if [ "${#need[@]}" -gt 0 ]; then
  echo "services: installing ${need[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq "${need[@]}" >/dev/null
fi

# PostgreSQL
if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  version="$(ls /etc/postgresql | sort -n | tail -n 1)"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start
  for _ in $(seq 1 30); do
    pg_isready -h 127.0.0.1 -p 5432 -q && break
    sleep 1
  done
fi
# A known password for the tests' connection string (trust or md5 auth alike)
su postgres -c "psql -q -c \"ALTER USER postgres PASSWORD 'postgres'\"" >/dev/null 2>&1 ||
  psql -q -h 127.0.0.1 -U postgres -c "ALTER USER postgres PASSWORD 'postgres'" >/dev/null 2>&1 || true
pg_isready -h 127.0.0.1 -p 5432

# Redis
if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
  for _ in $(seq 1 30); do
    redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break
    sleep 0.5
  done
fi
redis-cli -h 127.0.0.1 -p 6379 ping
