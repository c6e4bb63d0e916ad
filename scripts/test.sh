#!/usr/bin/env bash
# Runs every check: types, lint, unit and integration tests (real PostgreSQL, Redis, Docker),
# the assessments' verification through the real runner, and the browser journey.
# Every step runs even when an earlier one failed, so one run shows every problem.
set -uo pipefail
export HIREKIT_WITH_TEST_TOOLS=1
# What git sees before anything runs: the tests must leave the checkout exactly as they found it.
tree_before="$(git -C "$(dirname "${BASH_SOURCE[0]}")/.." status --porcelain 2>/dev/null || true)"
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh" || exit 1
set +e

failed=()
step() {
  local name="$1"
  shift
  printf '\n\033[1;34m==> %s\033[0m\n' "$name"
  local started=$SECONDS
  if "$@"; then
    printf '\033[1;32m==> %s: ok (%d s)\033[0m\n' "$name" $((SECONDS - started))
  else
    printf '\033[1;31m==> %s: FAILED (%d s)\033[0m\n' "$name" $((SECONDS - started))
    failed+=("$name")
  fi
}

step "Type check" npx tsc --noEmit -p .
step "Lint" npx eslint --max-warnings=0 .
step "Docker Engine and runtime images" sh -c "npx tsx scripts/ensure-docker.ts && npx tsx runner/images/ensure.ts"
step "Unit tests (no services)" npx vitest run --project unit
step "Integration tests (PostgreSQL, Redis, Docker)" npx vitest run --project integration
step "Assessments: references, starters and mutants through the real runner" npx tsx runner/verify/verify.ts
step "Browser journey" npx vitest run --config tests/e2e/vitest.config.ts

tree_unchanged() {
  local after
  after="$(git status --porcelain 2>/dev/null || true)"
  [ "$after" = "$tree_before" ] && return 0
  echo "The test run changed the checkout (git status --porcelain, before vs after):"
  diff <(printf '%s\n' "$tree_before") <(printf '%s\n' "$after")
  return 1
}
step "Checkout left clean (git status unchanged)" tree_unchanged

if [ "${#failed[@]}" -gt 0 ]; then
  printf '\n\033[1;31mFailed steps: %s\033[0m\n' "$(IFS=', '; echo "${failed[*]}")"
  exit 1
fi
printf '\n\033[1;32mAll checks passed.\033[0m\n'
