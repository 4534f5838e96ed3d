#!/usr/bin/env bash
# The main job: install, build the sample province, run the whole pipeline on the embedded
# store, and serve the dashboard on http://127.0.0.1:${IPCREDIT_PORT:-8050}/.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
exec .venv/bin/ipcredit demo --out "${IPCREDIT_DEMO_OUT:-demo-out}" "$@"
