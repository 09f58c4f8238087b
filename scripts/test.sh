#!/usr/bin/env bash
# The test command (`npm test`): every test/**/*.test.ts under node's test runner (TAP), then the plain
# "N passed, N failed" line that CI reads. Exits non-zero if any test fails. First installs what the tests need
# (scripts/prerequisites.sh: Debian packages when missing, the tslab kernel), so a fresh machine needs nothing else.
#
# Test files run in parallel, each in its own process (default: cores + 1 at a time, because most files spend part
# of their time waiting on the processes they start; set ECONAGENT_TEST_CONCURRENCY to change it), started in the
# order given by scripts/run-tests.js (`node --test` would sort them by name).
# Every file is independent of the others: it writes only under its own mkdtemp directory (or, for the notebooks
# and showFigure tests, figures/ files named after itself), its servers listen on port 0, and the Slurm test runs
# its own cluster (config, spool, munge socket and ports of its own). The files that take longest start first
# (the notebooks, which execute two at a time, then the others measured longest) so that they do not finish last.
set -u
cd "$(dirname "$0")/.."
bash scripts/prerequisites.sh || exit $?
# The command the tests start runs the compiled build (lib/compiled.ts): rebuild it from the current sources.
node scripts/build.js || exit $?
concurrency=${ECONAGENT_TEST_CONCURRENCY:-$(($(nproc) + 1))}
first=()
for file in test/notebooks/notebooks.test.ts test/run/decisionRecording.test.ts test/cli/badInput.test.ts test/cli/report.test.ts test/notebooks/jupyterServer.test.ts test/notebooks/show.test.ts test/run/populations.test.ts test/experiment/sweep.test.ts test/experiment/slurm.test.ts test/golden/golden.test.ts test/apiReference.test.ts; do
  [ -f "$file" ] && first+=("$file")
done
mapfile -t rest < <(find test -name '*.test.ts' | sort | grep -vxF -f <(printf '%s\n' "${first[@]}"))
log=$(mktemp)
node --require tsx/cjs scripts/run-tests.js "$concurrency" "${first[@]}" "${rest[@]}" | tee "$log"
code=${PIPESTATUS[0]}
pass=$(awk '/^# pass /{print $3}' "$log" | tail -n 1)
fail=$(awk '/^# fail /{print $3}' "$log" | tail -n 1)
rm -f "$log"
echo "${pass:-0} passed, ${fail:-0} failed"
exit "$code"
