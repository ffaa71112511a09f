#!/usr/bin/env bash
# Source this file before running tests by hand: it points Backstage's TestDatabases at the
# local PostgreSQL (127.0.0.1:5432) instead of Docker, so every store test runs on SQLite and
# PostgreSQL. .ci/run sets the same variables.
export BACKSTAGE_TEST_DISABLE_DOCKER=1
export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-postgresql://postgres:postgres@127.0.0.1:5432}"
