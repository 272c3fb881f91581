#!/bin/sh
# run-diff-3.14.sh: the differential test (run-diff.sh) against CPython 3.14,
# pyodide under Node (tests/oracle; DESIGN §10).
DIFF_PYTHON=3.14 exec sh "$(dirname "$0")/run-diff.sh" "$@"
