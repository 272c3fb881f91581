#!/bin/sh
# run-diff.sh: the differential test.  Runs every scenario in refscope and
# in real CPython 3.11 and checks, after every module-level step, that both
# agree on names, identities, types, refcounts, reprs, output, what
# gc.collect() returned and the order in which instances died
# (tests/diff/compare.py says exactly what is compared).
#
#   run-diff.sh [SCENARIO.yaml...]
#
# A .py scenario (tests/pyfiles/) is compared at each line event of its
# module, as sys.settrace reports them (oracle.py's run_pyfile).
#
# Without arguments: tests/scenarios/*.yaml (and the YAML course of
# tests/scenarios/yaml-course/), tests/pyfiles/*.py, the shipped
# scenarios/*.py and *.yaml and the tour
# except those that opt out with a `# diff: skip` comment line (for
# instance scenarios about settings CPython does not have).  The oracle
# itself skips scenarios whose settings make CPython no reference
# (small_int_cache or intern_strings off, gc: textbook, a gc threshold).
#
# Environment: REFSCOPE (default $abs_top_builddir/refscope, or ./refscope),
# PYTHON3 (default
# /usr/bin/python3, Debian's 3.11 with PyYAML), srcdir (set by automake;
# default .), DIFF_TIMEOUT (seconds per refscope run, default 60).
# Prints one line per scenario and `N passed, M failed` last; exit status 1
# if any failed, 77 (skip) without a usable Python, 99 without refscope.

srcdir=${srcdir:-.}
REFSCOPE=${REFSCOPE:-${abs_top_builddir:-.}/refscope}
PYTHON3=${PYTHON3:-/usr/bin/python3}
DIFF_TIMEOUT=${DIFF_TIMEOUT:-60}
diff_dir=$srcdir/tests/diff

if ! "$PYTHON3" -c 'import sys, yaml; sys.exit(sys.version_info[:2] != (3, 11))' \
    2>/dev/null; then
	echo "run-diff.sh: $PYTHON3 is not CPython 3.11 with PyYAML; skipped"
	exit 77
fi
if [ ! -x "$REFSCOPE" ]; then
	echo "run-diff.sh: no refscope program at $REFSCOPE (set REFSCOPE)"
	exit 99
fi

if [ $# -eq 0 ]; then
	set --
	for f in "$srcdir"/tests/scenarios/*.yaml "$srcdir"/scenarios/*.yaml \
	    "$srcdir"/tests/scenarios/yaml-course/*.yaml \
	    "$srcdir"/scenarios/*.py "$srcdir"/assets/tour.py \
	    "$srcdir"/tests/pyfiles/*.py "$srcdir"/assets/starter.py; do
		[ -f "$f" ] || continue
		if grep -q '^[[:space:]]*#[[:space:]]*diff:[[:space:]]*skip' "$f"; then
			echo "skip $f (# diff: skip)"
			continue
		fi
		set -- "$@" "$f"
	done
fi

timeout_cmd=
if command -v timeout >/dev/null 2>&1; then
	timeout_cmd="timeout $DIFF_TIMEOUT"
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/refscope-diff.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM

# Each Python tool runs once for all the scenarios (Python's start-up costs
# more than most scenarios): the oracle forks a pristine child for each,
# compare.py compares one pair after another (tests/diff/batch.py).  Job n
# writes $tmp/n.cp and so on; a missing status is a failure.
status() {	# FILE.rc: the status a job left, or 99 when it left none
	if [ -s "$1" ]; then cat "$1"; else echo 99; fi
}
tab=$(printf '\t')
nl='
'
n=0
: >"$tmp/oracle.jobs"
for f in "$@"; do
	n=$((n + 1))
	case $f in *"$tab"* | *"$nl"*) continue ;; esac	# see below
	printf '%s\t%s\n' "$tmp/$n.cp" "$f" >>"$tmp/oracle.jobs"
done
"$PYTHON3" "$diff_dir/oracle.py" --batch "$tmp/oracle.jobs"

n=0
: >"$tmp/compare.jobs"
for f in "$@"; do
	n=$((n + 1))
	[ "$(status "$tmp/$n.cp.rc")" -eq 0 ] || continue
	$timeout_cmd "$REFSCOPE" trace --events "$f" >"$tmp/$n.rs" \
	    2>"$tmp/$n.rs.err"
	echo $? >"$tmp/$n.rs.rc"
	[ "$(status "$tmp/$n.rs.rc")" -eq 0 ] || continue
	printf '%s\t%s\t%s\t%s\n' "$tmp/$n.cmp" "$f" "$tmp/$n.rs" \
	    "$tmp/$n.cp" >>"$tmp/compare.jobs"
done
"$PYTHON3" "$diff_dir/compare.py" --batch "$tmp/compare.jobs"

passed=0
failed=0
skipped=0
n=0
for f in "$@"; do
	n=$((n + 1))
	case $f in
	*"$tab"* | *"$nl"*)
		# the job files hold one job a line, fields separated by tabs
		echo "FAIL $f: a tab or a newline in its path"
		failed=$((failed + 1))
		continue ;;
	esac
	rc=$(status "$tmp/$n.cp.rc")
	if [ "$rc" -eq 77 ]; then
		echo "skip $f ($(sed 's/^.*: not comparable with CPython: //' \
		    "$tmp/$n.cp.err" | head -n 1))"
		skipped=$((skipped + 1))
		continue
	fi
	if [ "$rc" -ne 0 ]; then
		echo "FAIL $f: the oracle failed on CPython (status $rc):"
		sed 's/^/  /' "$tmp/$n.cp.err"
		failed=$((failed + 1))
		continue
	fi
	rc=$(status "$tmp/$n.rs.rc")
	if [ "$rc" -ne 0 ]; then
		echo "FAIL $f: refscope trace exited with status $rc:"
		head -n 20 "$tmp/$n.rs.err" | sed 's/^/  /'
		failed=$((failed + 1))
		continue
	fi
	cat "$tmp/$n.cmp" "$tmp/$n.cmp.err" 2>/dev/null
	if [ "$(status "$tmp/$n.cmp.rc")" -eq 0 ]; then
		passed=$((passed + 1))
	else
		echo "FAIL $f"
		failed=$((failed + 1))
	fi
done

[ "$skipped" -gt 0 ] && echo "$skipped skipped"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
