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

if ! "$PYTHON3" "$diff_dir/oracle.py" --selfcheck "$self_dir/basic.yaml" \
    >"$tmp/basic.cp" 2>"$tmp/err"; then
	cat "$tmp/err"
	echo "FAIL: the oracle cannot run $self_dir/basic.yaml"
	exit 1
fi

# The correct trace passes.
checks=$((checks + 1))
if ! "$PYTHON3" "$diff_dir/compare.py" "$self_dir/basic.yaml" \
    "$self_dir/good.jsonl" "$tmp/basic.cp" >"$tmp/out" 2>&1; then
	cat "$tmp/out"
	fail "good.jsonl was rejected"
fi

# Every planted mistake is caught, with its message.
for bad in "$self_dir"/bad-*.jsonl; do
	checks=$((checks + 1))
	name=$(basename "$bad")
	want=$(sed -n 's/^# expect: //p' "$bad" | head -n 1)
	"$PYTHON3" "$diff_dir/compare.py" "$self_dir/basic.yaml" "$bad" \
	    "$tmp/basic.cp" >"$tmp/out" 2>&1
	rc=$?
	if [ "$rc" -ne 1 ]; then
		cat "$tmp/out"
		fail "$name: compare.py exited $rc, not 1"
	elif [ -z "$want" ]; then
		fail "$name: no '# expect:' line"
	elif ! grep -F -- "$want" "$tmp/out" >/dev/null; then
		cat "$tmp/out"
		fail "$name: the message lacks: $want"
	fi
done

# CPython agrees with itself, whatever the ids and the order of things.
for scen in "$srcdir"/tests/scenarios/*.yaml; do
	checks=$((checks + 1))
	if ! "$PYTHON3" "$diff_dir/oracle.py" --selfcheck "$scen" \
	    >"$tmp/cp" 2>"$tmp/err"; then
		cat "$tmp/err"
		fail "the oracle cannot run $scen"
		continue
	fi
	"$PYTHON3" "$self_dir/reshape.py" "$tmp/cp" >"$tmp/rs" &&
	"$PYTHON3" "$diff_dir/compare.py" "$scen" "$tmp/rs" "$tmp/cp" \
	    >"$tmp/out" 2>&1
	if [ $? -ne 0 ]; then
		cat "$tmp/out"
		fail "$scen: CPython's reshaped records were rejected"
	fi
done

echo "selftest: $((checks - failed)) of $checks checks passed"
[ "$failed" -eq 0 ]
