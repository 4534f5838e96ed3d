#!/usr/bin/env bash
# The full test suite from a clean clone: install what it needs, lint, then run every test.
# Neo4j 5.26 is downloaded (first run) and started by the tests themselves; set
# IPCREDIT_SKIP_NEO4J=1 only to skip those tests knowingly (the run then says so loudly).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh --test
scripts/ensure_chromium.sh
command -v java >/dev/null || { echo "Java 17+ is needed to run Neo4j in the tests" >&2; exit 1; }
command -v mvn >/dev/null || { echo "Maven is needed to fetch Neo4j for the tests" >&2; exit 1; }

.venv/bin/ruff check .
.venv/bin/pytest -p no:cacheprovider "$@"
