#!/usr/bin/env bash
# The test command (`npm test`): every test/**/*.test.ts under node's test runner (TAP), then the plain
# "N passed, N failed" line that CI reads. Exits non-zero if any test fails. First installs what the tests need
# (scripts/prerequisites.sh: Debian packages when missing, the tslab kernel), so a fresh machine needs nothing else.
set -u
cd "$(dirname "$0")/.."
bash scripts/prerequisites.sh || exit $?
log=$(mktemp)
mapfile -t files < <(find test -name '*.test.ts' | sort)
node --import tsx --test --test-reporter=tap "${files[@]}" | tee "$log"
code=${PIPESTATUS[0]}
pass=$(awk '/^# pass /{print $3}' "$log" | tail -n 1)
fail=$(awk '/^# fail /{print $3}' "$log" | tail -n 1)
rm -f "$log"
echo "${pass:-0} passed, ${fail:-0} failed"
exit "$code"
