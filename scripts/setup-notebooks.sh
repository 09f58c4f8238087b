#!/usr/bin/env bash
# Register the tslab TypeScript kernel in the project-local Jupyter path (.jupyter/, nothing machine-global).
# Jupyter itself comes from Debian (scripts/prerequisites.sh installs it): pip cannot reach its registry on these machines.
# The kernel starts through scripts/tslab-kernel (project root as working directory, error messages in replies).
set -euo pipefail
cd "$(dirname "$0")/.."
./node_modules/.bin/tslab install --python=/usr/bin/python3 --prefix=.jupyter --binary="$PWD/scripts/tslab-kernel" >/dev/null
echo "tslab kernel registered in $PWD/.jupyter (use JUPYTER_PATH=$PWD/.jupyter/share/jupyter)"
