#!/bin/sh
# setup.sh: installs the real CPython 3.12, 3.13 and 3.14 the differential
# tests compare refscope with (DESIGN §10): the pyodide releases pinned in
# package.json and package-lock.json (CPython compiled to WebAssembly, run
# by Debian's nodejs), into tests/oracle/node_modules, with `npm ci`.
# Run by build.sh (which installs nodejs and npm) and by .ci/run through
# test.sh.  Does nothing when what the lock file pins is there already.
# refscope itself never uses them, and the tests never fetch anything:
# tests/oracle/run.mjs fails (status 99) when an interpreter is missing.
#
# Exit status: 0 installed (or there already), 1 npm failed.

set -eu
cd "$(dirname "$0")"

# The versions the lock pins, against what node_modules holds.
installed() {
	for p in py312 py313 py314; do
		[ -f "node_modules/$p/pyodide.mjs" ] || return 1
	done
	node -e '
		const lock = require("./package-lock.json").packages;
		for (const p of ["py312", "py313", "py314"]) {
			const have = require("./node_modules/" + p + "/package.json");
			if (have.version !== lock["node_modules/" + p].version)
				process.exit(1);
		}' 2>/dev/null
}

if installed; then
	exit 0
fi
echo "tests/oracle/setup.sh: installing pyodide (python 3.12, 3.13, 3.14)"
if ! npm ci --no-audit --no-fund --loglevel=error; then
	echo "tests/oracle/setup.sh: npm ci failed" >&2
	exit 1
fi
installed
