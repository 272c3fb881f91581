#!/bin/sh
# check.sh: run every program of tests/pyfiles-exc under CPython 3.11 (python3)
# and 3.12, 3.13, 3.14 (pyodide, tests/oracle/run.mjs), plainly and under
# the oracle (tests/diff/oracle.py --selfcheck), and check that
#   - each runs plainly and in the oracle, selfcheck-clean (status 0);
#   - the oracle's records are complete and its output is the plain run's
#     (check-records.py);
#   - the oracle's records, reshaped into refscope's trace format
#     (tests/diff/selftest/reshape.py), pass compare.py against themselves.
# The records are left in $OUT (default /tmp/pyfiles-exc), as
# NAME.VERSION.jsonl, with NAME.VERSION.plain, for diffing versions.
#
#   tests/pyfiles-exc/tools/check.sh [VERSION...] [-- PROGRAM.py...]
#
# Without programs: tests/pyfiles/exc-*.py.  The probes (probes/*.py) are
# checked too when named: tools/check.sh -- tests/pyfiles-exc/probes/*.py
# Environment: PYTHON3 (default /usr/bin/python3), NODE (default node), OUT.
tools=$(cd "$(dirname "$0")" && pwd)
here=$(dirname "$tools")
top=$(cd "$here/../.." && pwd)
PYTHON3=${PYTHON3:-/usr/bin/python3}
NODE=${NODE:-node}
OUT=${OUT:-/tmp/pyfiles-exc}
mkdir -p "$OUT"
versions=
while [ $# -gt 0 ] && [ "$1" != -- ]; do versions="$versions $1"; shift; done
[ "$1" = -- ] && shift
[ -n "$versions" ] || versions="3.11 3.12 3.13 3.14"
[ $# -gt 0 ] || set -- "$here"/../pyfiles/exc-*.py
cd "$top" || exit 99
failed=0
passed=0
for v in $versions; do
	for f in "$@"; do
		name=$(basename "$f" .py)
		rel=$(realpath --relative-to="$top" "$f")
		o=$OUT/$name.$v
		if [ "$v" = 3.11 ]; then
			"$PYTHON3" "$rel" >"$o.plain" 2>"$o.plain.err"
			prc=$?
			"$PYTHON3" tests/diff/oracle.py --selfcheck "$rel" \
			    >"$o.jsonl" 2>"$o.err"
			orc=$?
		else
			"$NODE" tests/oracle/run.mjs "$v" --exec "$rel" \
			    >"$o.plain" 2>"$o.plain.err"
			prc=$?
			"$NODE" tests/oracle/run.mjs "$v" --selfcheck "$rel" \
			    >"$o.jsonl" 2>"$o.err"
			orc=$?
		fi
		if [ "$prc" -ne 0 ] || [ "$orc" -ne 0 ]; then
			echo "FAIL $v $name: plain status $prc, oracle status $orc"
			cat "$o.plain.err" "$o.err"
			failed=$((failed + 1))
			continue
		fi
		if ! "$PYTHON3" "$tools/check-records.py" "$o.jsonl" "$o.plain"; then
			echo "FAIL $v $name: records"
			failed=$((failed + 1))
			continue
		fi
		"$PYTHON3" tests/diff/selftest/reshape.py "$o.jsonl" >"$o.rs"
		if ! "$PYTHON3" tests/diff/compare.py "$rel" "$o.rs" "$o.jsonl" \
		    >"$o.cmp"; then
			echo "FAIL $v $name: compare.py rejects CPython's own records"
			cat "$o.cmp"
			failed=$((failed + 1))
			continue
		fi
		passed=$((passed + 1))
	done
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
