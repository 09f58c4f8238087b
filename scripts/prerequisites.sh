#!/usr/bin/env bash
# Before the tests (`npm test` runs this first): install the Debian packages the tests need when any is missing,
# then register the tslab kernel in .jupyter/. Jupyter runs the notebooks and serves them (`npm run jupyter`; pip cannot reach its registry on these
# machines: Debian's packages), Chromium draws the PNGs (its headless shell, which starts on half the CPU, when
# installed; lib/report/png.ts), slurm-wlm and munge make the one-node Slurm cluster the sweep test submits to.
# Without root or passwordless sudo, or off Debian, it stops with one line saying what to run.
set -euo pipefail
cd "$(dirname "$0")/.."
packages=(jupyter-nbconvert python3-nbclient jupyter-client jupyter-core python3-ipykernel jupyter-notebook chromium chromium-headless-shell slurm-wlm munge)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  command="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo -n"; else sudo="none"; fi
  fi
  if [ "$sudo" = "none" ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "the tests need Debian packages ${missing[*]}: run as root: $command" >&2
    exit 2
  fi
  echo "installing the Debian packages the tests need (once; about 35 s on a fresh machine here): ${missing[*]}"
  started=$SECONDS
  log=$(mktemp)
  if ! { $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq &&
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
    tail -n 20 "$log" >&2
    echo "apt-get failed installing ${missing[*]}; run as root: $command" >&2
    rm -f "$log"
    exit 2
  fi
  rm -f "$log"
  echo "installed in $((SECONDS - started)) s"
fi
bash scripts/setup-notebooks.sh >/dev/null
