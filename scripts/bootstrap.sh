#!/usr/bin/env bash
# Makes a fresh Debian machine ready: system packages, npm dependencies, the generated Prisma client.
# Sourced by start.sh and test.sh; safe to run again (it only acts on what is missing).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

note() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }

node_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ "$node_major" -lt 20 ]; then
  echo "Hirekit needs Node.js 20 or newer (found: $(node --version 2>/dev/null || echo none)). Install it from https://nodejs.org or your package manager." >&2
  exit 1
fi

# package -> a file that proves it is installed
declare -A NEEDED=(
  [postgresql]="/usr/lib/postgresql/15/bin/pg_ctl"
  [redis-server]="/usr/bin/redis-server"
  [docker.io]="/usr/sbin/dockerd"
  [debootstrap]="/usr/sbin/debootstrap"
  [fonts-dejavu-core]="/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
)
if [ "${HIREKIT_WITH_TEST_TOOLS:-0}" = "1" ]; then
  NEEDED[chromium]="/usr/bin/chromium"
  NEEDED[poppler-utils]="/usr/bin/pdftotext"
fi

missing=()
for pkg in "${!NEEDED[@]}"; do
  [ -e "${NEEDED[$pkg]}" ] || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    note "Installing system packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "Missing system packages: ${missing[*]}." >&2
    echo "Install them (Debian/Ubuntu: sudo apt-get install ${missing[*]}; elsewhere: PostgreSQL 15, Redis 7, Docker Engine, debootstrap, DejaVu fonts${HIREKIT_WITH_TEST_TOOLS:+, Chromium, poppler-utils}), or set DATABASE_URL / REDIS_URL / DOCKER_HOST to servers you run yourself." >&2
    exit 1
  fi
fi

# npm 11 skips install scripts unless allowed; package.json's allowScripts lists them all as denied:
# none is needed (Prisma's engine download cannot work offline and is not used).
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  note "Installing npm dependencies"
  # npm ci installs exactly the committed lockfile and never rewrites it, so a fresh clone stays clean.
  npm ci --no-audit --no-fund --loglevel=error
fi

if [ ! -f app/generated/prisma/client.ts ] || [ prisma/schema.prisma -nt app/generated/prisma/client.ts ]; then
  note "Generating the Prisma client"
  # generate does not use the schema engine, but the CLI insists on finding one.
  PRISMA_SCHEMA_ENGINE_BINARY=/bin/true npx prisma generate >/dev/null
fi
