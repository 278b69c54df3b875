#!/usr/bin/env bash
# Runs before `npm test` (npm's pretest hook). Installs the few system tools the tests use that
# are not npm packages, when they are missing and we may install them:
#   - docker-compose (Debian 1.29): validates infra/docker-compose.yml without a Docker daemon.
# The services themselves (Temporal, S3, catalog, Trino) are installed by the tests' global setup.
set -euo pipefail
if command -v docker-compose >/dev/null 2>&1 || docker compose version >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "[pretest] installing docker-compose (Debian) to validate infra/docker-compose.yml" >&2
  export DEBIAN_FRONTEND=noninteractive
  # A failed install must not fail the whole test run: the compose test then says it skipped.
  if ! { apt-get update -qq >/dev/null && apt-get install -y -qq docker-compose >/dev/null; }; then
    echo "[pretest] could not install docker-compose: the compose validation test will be skipped" >&2
  fi
else
  echo "[pretest] docker-compose is missing and cannot be installed here: the compose validation test will be skipped" >&2
fi
