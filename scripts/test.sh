#!/usr/bin/env bash
# The test command (`npm test`): every test/**/*.test.ts under node's test runner (TAP), then the plain
# "N passed, N failed" line that CI reads. Exits non-zero if any test fails. First installs what the tests need
# (scripts/prerequisites.sh: Debian packages when missing, the tslab kernel), so a fresh machine needs nothing else.
#
# Test files run in parallel, each in its own process (`--test-concurrency`, default: cores + 1, because most files
# spend part of their time waiting on the processes they start; set ECONAGENT_TEST_CONCURRENCY to change it).
# Every file is independent of the others: it writes only under its own mkdtemp directory (or, for the notebooks
# and showFigure tests, figures/ files named after itself), its servers listen on port 0, and the Slurm test runs
# its own cluster (config, spool, munge socket and ports of its own). The files that take minutes start first so
# that they do not finish last.
set -u
cd "$(dirname "$0")/.."
bash scripts/prerequisites.sh || exit $?
# The command the tests start runs the compiled build (lib/compiled.ts): rebuild it from the current sources.
node scripts/build.js || exit $?
concurrency=${ECONAGENT_TEST_CONCURRENCY:-$(($(nproc) + 1))}
first=()
for file in test/notebooks/notebooks.test.ts test/experiment/slurm.test.ts test/golden/golden.test.ts test/apiReference.test.ts; do
  [ -f "$file" ] && first+=("$file")
done
mapfile -t rest < <(find test -name '*.test.ts' | sort | grep -vxF -f <(printf '%s\n' "${first[@]}"))
log=$(mktemp)
node --import tsx --test --test-concurrency="$concurrency" --test-reporter=tap "${first[@]}" "${rest[@]}" | tee "$log"
code=${PIPESTATUS[0]}
pass=$(awk '/^# pass /{print $3}' "$log" | tail -n 1)
fail=$(awk '/^# fail /{print $3}' "$log" | tail -n 1)
rm -f "$log"
echo "${pass:-0} passed, ${fail:-0} failed"
exit "$code"
