#!/usr/bin/python3
"""Execute notebooks headless on the project's tslab kernel, in the order given; exit 1 on the first failing cell.

Usage: /usr/bin/python3 scripts/run-notebooks.py [--inplace | --out DIR] NOTEBOOK.ipynb ...
With --inplace the executed notebooks (outputs included) replace the originals, as committed; with --out they are
written to DIR (tests). A throw, a rejected await or a TypeScript error in any cell fails the run; the traceback
is printed and saved in the executed notebook.
"""
import argparse
import os
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main() -> int:
    parser = argparse.ArgumentParser()
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--inplace", action="store_true")
    where.add_argument("--out")
    parser.add_argument("--timeout", type=int, default=600)
    parser.add_argument("notebooks", nargs="+")
    args = parser.parse_args()
    os.environ["JUPYTER_PATH"] = os.path.join(ROOT, ".jupyter", "share", "jupyter")
    for path in args.notebooks:
        nb = nbformat.read(path, as_version=4)
        started = time.time()
        # After a cell's reply, nbclient waits iopub_timeout seconds (default 4) for the rest of its output and then
        # goes on without it, silently: on a loaded machine a cell printing many lines lost its tail that way. Wait
        # longer, and fail loudly if even that is not enough.
        client = NotebookClient(nb, kernel_name="tslab", timeout=args.timeout, iopub_timeout=60, raise_on_iopub_timeout=True, resources={"metadata": {"path": ROOT}})
        failed = None
        try:
            client.execute()
        except (CellExecutionError, CellTimeoutError) as error:
            failed = error
        target = path if args.inplace else os.path.join(args.out, os.path.basename(path))
        nbformat.write(nb, target)
        if failed is not None:
            print(f"FAIL {path}\n{failed}", file=sys.stderr)
            return 1
        print(f"ok {path} ({time.time() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
