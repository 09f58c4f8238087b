#!/usr/bin/env bash
# `npm run notebooks`: register the tslab kernel, then execute every notebooks/*.ipynb headless in name order,
# saving each with its outputs in place (to commit). Stops with exit 1 at the first failing cell.
# Arguments replace `--inplace`, e.g. `bash scripts/notebooks.sh --out "$(mktemp -d)"` to leave notebooks/ as is.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! /usr/bin/python3 -c "import nbclient, nbformat" 2>/dev/null; then
  echo "Jupyter is missing: run bash scripts/prerequisites.sh as root (npm test runs it first), or apt-get install jupyter-nbconvert python3-nbclient jupyter-client jupyter-core python3-ipykernel" >&2
  exit 1
fi
bash scripts/setup-notebooks.sh
# Byte order, as the test (test/notebooks) sorts them, whatever the locale.
mapfile -t notebooks < <(find notebooks -maxdepth 1 -name '*.ipynb' | LC_ALL=C sort)
if [ "${#notebooks[@]}" -eq 0 ]; then
  echo "no notebooks in notebooks/"
  exit 0
fi
if [ "$#" -eq 0 ]; then set -- --inplace; fi
exec /usr/bin/python3 scripts/run-notebooks.py "$@" "${notebooks[@]}"
