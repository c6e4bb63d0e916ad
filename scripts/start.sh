#!/usr/bin/env bash
# Starts the whole product: services, migrations, seed, runtime images, build, web and worker.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
exec npx tsx scripts/start.ts "$@"
