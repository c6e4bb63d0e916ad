#!/usr/bin/env bash
# Starts the whole product: services, migrations, seed, runtime images, build, web and worker.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
# node itself (not npx tsx) so Ctrl-C and SIGTERM reach the supervisor and its exit status is ours.
exec node --import tsx scripts/start.ts "$@"
