#!/bin/sh
# run-diff-3.12.sh: the differential test (run-diff.sh) against CPython 3.12,
# pyodide under Node (tests/oracle; DESIGN §10).
DIFF_PYTHON=3.12 exec sh "$(dirname "$0")/run-diff.sh" "$@"
