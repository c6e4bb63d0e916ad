#!/usr/bin/env bash
# Runs every check: types, lint, unit and integration tests (real PostgreSQL, Redis, Docker),
# the assessments' verification through the real runner, and the browser journey.
set -euo pipefail
export HIREKIT_WITH_TEST_TOOLS=1
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"

step() { printf '\n\033[1;34m==> %s\033[0m\n' "$*"; }

step "Type check"
npx tsc --noEmit -p .
step "Lint"
npx eslint --max-warnings=0 .
step "Docker Engine and runtime images"
npx tsx scripts/ensure-docker.ts
npx tsx runner/images/ensure.ts
step "Unit and integration tests"
npx vitest run
step "Assessments: references, starters and mutants through the real runner"
npx tsx runner/verify/verify.ts
step "Browser journey"
npx vitest run --config tests/e2e/vitest.config.ts
