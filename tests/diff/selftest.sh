#!/bin/sh
# selftest.sh: test the differential test itself, without refscope.
#
#  1. compare.py must accept tests/diff/selftest/good.jsonl, a hand-written
#     trace of selftest/basic.yaml, against the oracle's run of it on
#     CPython, and must reject every selftest/bad-*.jsonl (each plants one
#     mistake) with status 1 and the message on the file's `# expect:` line.
#  2. Every tests/scenarios/*.yaml must run clean in the oracle (with
#     --selfcheck) and CPython's own records, renumbered and reshaped by
#     selftest/reshape.py into refscope's trace format, must pass compare.py.
#  3. When refscope is built and pyodide's 3.12 is installed: an oracle
#     whose interpreter dies (selftest/oracle-dies.py) fails that scenario
#     alone in run-diff.sh, and the scenario after it is still compared.
#
# Environment: PYTHON3 (default /usr/bin/python3, needs PyYAML), srcdir.
# Exit 0 when all is well, 1 otherwise, 77 (skip) without PyYAML.

srcdir=${srcdir:-.}
PYTHON3=${PYTHON3:-/usr/bin/python3}
diff_dir=$srcdir/tests/diff
self_dir=$diff_dir/selftest

if ! "$PYTHON3" -c 'import yaml' 2>/dev/null; then
	echo "selftest.sh: $PYTHON3 cannot import yaml (PyYAML); skipped"
	exit 77
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/refscope-selftest.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM

failed=0
checks=0

fail() {
	echo "FAIL: $*"
	failed=$((failed + 1))
}

# Each Python tool runs once for all its inputs (Python's start-up costs
# more than most scenarios): the oracle forks a pristine child for each
# scenario, reshape.py and compare.py take one input after another
# (tests/diff/batch.py).  A job writes OUT, OUT.err and OUT.rc; a missing
# status is a failure.
status() {	# FILE.rc: the status a job left, or 99 when it left none
	if [ -s "$1" ]; then cat "$1"; else echo 99; fi
}
printf '%s\t--selfcheck\t%s\n' "$tmp/basic.cp" "$self_dir/basic.yaml" \
    >"$tmp/oracle.jobs"
n=0
for scen in "$srcdir"/tests/scenarios/*.yaml; do
	n=$((n + 1))
	printf '%s\t--selfcheck\t%s\n' "$tmp/$n.cp" "$scen" >>"$tmp/oracle.jobs"
done
"$PYTHON3" "$diff_dir/oracle.py" --batch "$tmp/oracle.jobs"

if [ "$(status "$tmp/basic.cp.rc")" -ne 0 ]; then
	cat "$tmp/basic.cp.err"
	echo "FAIL: the oracle cannot run $self_dir/basic.yaml"
	exit 1
fi

n=0
: >"$tmp/reshape.jobs"
for scen in "$srcdir"/tests/scenarios/*.yaml; do
	n=$((n + 1))
	[ "$(status "$tmp/$n.cp.rc")" -eq 0 ] || continue
	printf '%s\t%s\n' "$tmp/$n.rs" "$tmp/$n.cp" >>"$tmp/reshape.jobs"
done
"$PYTHON3" "$self_dir/reshape.py" --batch "$tmp/reshape.jobs"

printf '%s\t%s\t%s\t%s\n' "$tmp/good.out" "$self_dir/basic.yaml" \
    "$self_dir/good.jsonl" "$tmp/basic.cp" >"$tmp/compare.jobs"
for bad in "$self_dir"/bad-*.jsonl; do
	name=$(basename "$bad")
	printf '%s\t%s\t%s\t%s\n' "$tmp/$name.out" "$self_dir/basic.yaml" \
	    "$bad" "$tmp/basic.cp" >>"$tmp/compare.jobs"
done
n=0
for scen in "$srcdir"/tests/scenarios/*.yaml; do
	n=$((n + 1))
	[ "$(status "$tmp/$n.rs.rc")" -eq 0 ] || continue
	printf '%s\t%s\t%s\t%s\n' "$tmp/$n.out" "$scen" "$tmp/$n.rs" \
	    "$tmp/$n.cp" >>"$tmp/compare.jobs"
done
"$PYTHON3" "$diff_dir/compare.py" --batch "$tmp/compare.jobs"

# The correct trace passes.
checks=$((checks + 1))
if [ "$(status "$tmp/good.out.rc")" -ne 0 ]; then
	cat "$tmp/good.out" "$tmp/good.out.err"
	fail "good.jsonl was rejected"
fi

# Every planted mistake is caught, with its message.
for bad in "$self_dir"/bad-*.jsonl; do
	checks=$((checks + 1))
	name=$(basename "$bad")
	want=$(sed -n 's/^# expect: //p' "$bad" | head -n 1)
	rc=$(status "$tmp/$name.out.rc")
	if [ "$rc" -ne 1 ]; then
		cat "$tmp/$name.out" "$tmp/$name.out.err"
		fail "$name: compare.py exited $rc, not 1"
	elif [ -z "$want" ]; then
		fail "$name: no '# expect:' line"
	elif ! cat "$tmp/$name.out" "$tmp/$name.out.err" |
	    grep -F -- "$want" >/dev/null; then
		cat "$tmp/$name.out" "$tmp/$name.out.err"
		fail "$name: the message lacks: $want"
	fi
done

# CPython agrees with itself, whatever the ids and the order of things.
n=0
for scen in "$srcdir"/tests/scenarios/*.yaml; do
	n=$((n + 1))
	checks=$((checks + 1))
	if [ "$(status "$tmp/$n.cp.rc")" -ne 0 ]; then
		cat "$tmp/$n.cp.err"
		fail "the oracle cannot run $scen"
		continue
	fi
	if [ "$(status "$tmp/$n.rs.rc")" -ne 0 ] ||
	    [ "$(status "$tmp/$n.out.rc")" -ne 0 ]; then
		cat "$tmp/$n.rs.err" "$tmp/$n.out" "$tmp/$n.out.err" 2>/dev/null
		fail "$scen: CPython's reshaped records were rejected"
	fi
done

# An interpreter that dies takes only its own scenario down.
REFSCOPE=${REFSCOPE:-${abs_top_builddir:-.}/refscope}
if [ -x "$REFSCOPE" ] && command -v "${NODE:-node}" >/dev/null 2>&1 &&
    [ -f "$srcdir/tests/oracle/node_modules/py312/pyodide.mjs" ]; then
	checks=$((checks + 1))
	REFSCOPE=$REFSCOPE DIFF_PYTHON=3.12 sh "$diff_dir/run-diff.sh" \
	    "$self_dir/oracle-dies.py" "$srcdir/tests/pyfiles/aliasing-lists.py" \
	    >"$tmp/dies.out" 2>&1
	if ! grep -q "^FAIL .*oracle-dies.py: the oracle failed" "$tmp/dies.out" ||
	    ! grep -q "interpreter died running it" "$tmp/dies.out" ||
	    ! grep -q "^ok .*aliasing-lists.py" "$tmp/dies.out" ||
	    ! grep -q "^1 passed, 1 failed" "$tmp/dies.out"; then
		cat "$tmp/dies.out"
		fail "a dead oracle interpreter took more than its scenario down"
	fi
fi

echo "selftest: $((checks - failed)) of $checks checks passed"
[ "$failed" -eq 0 ]
