#!/usr/bin/env bash
# `npm run jupyter`: Jupyter's Notebook server (Debian's jupyter-notebook 6.4) opened on notebooks/, with the
# project's TypeScript kernel (tslab, started in the project root by scripts/tslab-kernel). What is missing is
# installed first, as before the tests (scripts/prerequisites.sh: Debian packages, the kernel registration in
# .jupyter/). The server runs in the foreground; Ctrl-C stops it. Arguments go to the server, e.g.
# `npm run jupyter -- --port 8890 --no-browser`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/prerequisites.sh
export JUPYTER_PATH="$PWD/.jupyter/share/jupyter"
root=()
if [ "$(id -u)" -eq 0 ]; then root=(--allow-root); fi
exec /usr/bin/jupyter-notebook --notebook-dir=notebooks "${root[@]}" "$@"
