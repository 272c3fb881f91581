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
# instance scenarios about settings CPython does not have), and on 3.12 to
# 3.14 those that say `# diff: 64-bit` (pyodide is a 32-bit build: sizes
# past 2**31 overflow there, as they would not on the 64-bit builds
# refscope models), and on a version X.Y those that say `# diff: not X.Y
# (why)`: what that version does there is not modelled yet, and the
# listing says so.  The oracle
# itself skips scenarios whose settings make CPython no reference
# (small_int_cache or intern_strings off, gc: textbook, a gc threshold).
#
# DIFF_PYTHON=3.12, 3.13 or 3.14 (tests/diff/run-diff-3.1N.sh) compares
# `refscope trace --python X.Y` with that version's real interpreter,
# pyodide under Node (tests/oracle/run.mjs, one Node process for all the
# scenarios; python3 reads the YAML for it, oracle.py --parse).  A scenario
# that pins a version (settings `python:`, `# refscope: python X.Y`) is
# compared on that version only.
#
# Environment: REFSCOPE (default $abs_top_builddir/refscope, or ./refscope),
# PYTHON3 (default
# /usr/bin/python3, Debian's 3.11 with PyYAML), srcdir (set by automake;
# default .), DIFF_TIMEOUT (seconds per refscope run, default 60),
# DIFF_PYTHON (default 3.11), NODE (default node).
# Prints one line per scenario and `N passed, M failed` last; exit status 1
# if any failed, 77 (skip) without a usable Python, 99 without refscope or
# without the oracle DIFF_PYTHON asks for (tests/oracle/setup.sh installs
# it: a missing one fails, never skips).

srcdir=${srcdir:-.}
REFSCOPE=${REFSCOPE:-${abs_top_builddir:-.}/refscope}
PYTHON3=${PYTHON3:-/usr/bin/python3}
DIFF_TIMEOUT=${DIFF_TIMEOUT:-60}
DIFF_PYTHON=${DIFF_PYTHON:-3.11}
NODE=${NODE:-node}
diff_dir=$srcdir/tests/diff
oracle_dir=$srcdir/tests/oracle

case $DIFF_PYTHON in
3.11) ;;
3.12 | 3.13 | 3.14)
	pkg=py$(echo "$DIFF_PYTHON" | tr -d .)
	if ! command -v "$NODE" >/dev/null 2>&1 ||
	    [ ! -f "$oracle_dir/node_modules/$pkg/pyodide.mjs" ]; then
		echo "run-diff.sh: no oracle for python $DIFF_PYTHON" \
		    "($oracle_dir/node_modules/$pkg, $NODE):" \
		    "run tests/oracle/setup.sh"
		exit 99
	fi ;;
*)
	echo "run-diff.sh: DIFF_PYTHON=$DIFF_PYTHON: not 3.11, 3.12, 3.13 or 3.14"
	exit 99 ;;
esac

if ! "$PYTHON3" -c 'import sys, yaml; sys.exit(sys.version_info[:2] != (3, 11))' \
    2>/dev/null; then
	echo "run-diff.sh: $PYTHON3 is not CPython 3.11 with PyYAML; skipped"
	exit 77
fi
if [ ! -x "$REFSCOPE" ]; then
	echo "run-diff.sh: no refscope program at $REFSCOPE (set REFSCOPE)"
	exit 99
fi

. "$srcdir/tests/lib.sh"
if [ $# -eq 0 ]; then
	set --
	for f in "$srcdir"/tests/scenarios/*.yaml "$srcdir"/scenarios/*.yaml \
	    "$srcdir"/tests/scenarios/yaml-course/*.yaml \
	    "$srcdir"/scenarios/*.py "$srcdir"/assets/tour.py \
	    "$srcdir"/tests/pyfiles/*.py "$srcdir"/assets/starter.py; do
		[ -f "$f" ] || continue
		in_sample || continue
		if grep -q '^[[:space:]]*#[[:space:]]*diff:[[:space:]]*skip' "$f"; then
			echo "skip $f (# diff: skip)"
			continue
		fi
		# a scenario that shows what refscope does not model of a
		# version says `# diff: not 3.14 (why)`, and is listed so
		if grep -q "^[[:space:]]*#[[:space:]]*diff:[[:space:]]*not[[:space:]].*$DIFF_PYTHON" "$f"; then
			echo "skip $f on $DIFF_PYTHON ($(grep -m1 \
			    '^[[:space:]]*#[[:space:]]*diff:[[:space:]]*not' "$f" |
			    sed 's/^[[:space:]]*#[[:space:]]*//'))"
			continue
		fi
		# pyodide is a 32-bit build: a scenario about 64-bit sizes
		# (an index past 2**31) says `# diff: 64-bit`
		if [ "$DIFF_PYTHON" != 3.11 ] && grep -q \
		    '^[[:space:]]*#[[:space:]]*diff:[[:space:]]*64-bit' "$f"; then
			echo "skip $f (# diff: 64-bit; pyodide is 32-bit)"
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
if [ "$DIFF_PYTHON" = 3.11 ]; then
	"$PYTHON3" "$diff_dir/oracle.py" --batch "$tmp/oracle.jobs"
else
	# python3 reads the YAML scenarios (pyodide has no PyYAML) ...
	: >"$tmp/parse.jobs"
	while IFS="$tab" read -r out f; do
		case $f in
		*.py) ;;
		*) printf '%s\t--parse\t%s\n' "$out.json" "$f" \
		    >>"$tmp/parse.jobs" ;;
		esac
	done <"$tmp/oracle.jobs"
	"$PYTHON3" "$diff_dir/oracle.py" --batch "$tmp/parse.jobs"
	: >"$tmp/node.jobs"
	while IFS="$tab" read -r out f; do
		case $f in
		*.py) printf '%s\t%s\n' "$out" "$f" >>"$tmp/node.jobs" ;;
		*)
			if [ "$(status "$out.json.rc")" -ne 0 ]; then
				cp "$out.json.err" "$out.err" 2>/dev/null
				status "$out.json.rc" >"$out.rc"
				continue
			fi
			printf '%s\t%s\n' "$out" "$out.json" >>"$tmp/node.jobs" ;;
		esac
	done <"$tmp/oracle.jobs"
	# ... and one Node process runs them all in that version's CPython.
	# Should the interpreter die (a WebAssembly trap ends the process),
	# the job it was running has no status: that job fails alone, with
	# what the process said, and a new process runs the jobs after it.
	cp "$tmp/node.jobs" "$tmp/node.todo"
	while [ -s "$tmp/node.todo" ]; do
		"$NODE" "$oracle_dir/run.mjs" "$DIFF_PYTHON" --batch \
		    "$tmp/node.todo" >"$tmp/node.err" 2>&1
		node_rc=$?
		: >"$tmp/node.rest"
		dead=
		while IFS="$tab" read -r out f; do
			if [ -n "$dead" ]; then
				printf '%s\t%s\n' "$out" "$f" >>"$tmp/node.rest"
			elif [ ! -s "$out.rc" ]; then
				dead=$out
				{ echo "the $DIFF_PYTHON interpreter died" \
				    "running it (node status $node_rc):"
				  tail -n 12 "$tmp/node.err"; } >>"$out.err"
				echo "$node_rc" >"$out.rc"
				[ "$node_rc" -ne 0 ] || echo 99 >"$out.rc"
			fi
		done <"$tmp/node.todo"
		[ -z "$dead" ] && cat "$tmp/node.err" >&2
		mv "$tmp/node.rest" "$tmp/node.todo"
	done
fi

python_arg=
[ "$DIFF_PYTHON" = 3.11 ] || python_arg="--python $DIFF_PYTHON"
n=0
: >"$tmp/compare.jobs"
for f in "$@"; do
	n=$((n + 1))
	[ "$(status "$tmp/$n.cp.rc")" -eq 0 ] || continue
	$timeout_cmd "$REFSCOPE" trace --events $python_arg "$f" >"$tmp/$n.rs" \
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
