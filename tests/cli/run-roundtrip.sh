#!/bin/sh
# run-roundtrip.sh: `refscope export --python` of every YAML scenario in the
# tree is a .py scenario that runs the same (roundtrip.py says exactly what
# is compared and what may differ; FORMAT.md, section 9, says why).
#
# For every YAML scenario that `refscope check` passes: the export is
# written without a note, `refscope check` passes it (every expect it
# kept holds), the expects it turned into notes plus those it kept are
# all of the YAML's, and both run the same step by step.  A scenario whose
# .py form uses what .py files cannot say yet (`class`) is counted and
# named, not failed, and only for that reason.
#
# Environment: REFSCOPE, PYTHON3, abs_top_srcdir.
REFSCOPE=${REFSCOPE:-${abs_top_builddir:-.}/refscope}
PYTHON3=${PYTHON3:-/usr/bin/python3}
srcdir=${abs_top_srcdir:-${srcdir:-.}}

. "$(dirname "$0")/../lib.sh"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/refscope-rt.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM

n=0
skipped=0
invalid=0
: >"$tmp/jobs"
for f in "$srcdir"/tests/scenarios/*.yaml \
    "$srcdir"/tests/scenarios/*/*.yaml "$srcdir"/tests/collector/*.yaml \
    "$srcdir"/assets/*.yaml "$srcdir"/tests/cli/data/*.yaml \
    "$srcdir"/tests/e2e/data/*.yaml "$srcdir"/tests/data/scenario/good/*.yaml \
    "$srcdir"/tests/diff/selftest/*.yaml; do
	[ -f "$f" ] || continue
	in_sample || continue
	name=${f#"$srcdir"/}
	case $name in
	tests/scenarios/probe-getrefcount-fn.yaml)
		# sys.getrefcount of a constant (count(5000)) prints one
		# more in a file, whose parsed tree holds the constant
		skipped=$((skipped + 1))
		echo "skip $name (getrefcount of a constant: the .py form's tree holds it)"
		continue ;;
	esac
	# only a scenario that runs clean is a round trip's start
	if ! "$REFSCOPE" check "$f" >/dev/null 2>&1; then
		invalid=$((invalid + 1))
		continue
	fi
	n=$((n + 1))
	d=$tmp/$n
	mkdir "$d"
	"$REFSCOPE" export --python "$f" >"$d/x.py" 2>"$d/export.err"
	check $? "export --python $name"
	# a loop's header is a step at each run: a repeat: near the limit of
	# executed steps takes its .py form past it
	if grep -q 'cannot run the .py form yet: .*executed more than [0-9]* steps' \
	    "$d/export.err"; then
		skipped=$((skipped + 1))
		echo "skip $name (its .py form runs more steps than the limit)"
		continue
	fi
	[ ! -s "$d/export.err" ]
	check $? "export --python $name: no note ($(head -c 300 "$d/export.err"))"
	"$REFSCOPE" check "$d/x.py" >"$d/check.out" 2>&1
	check $? "refscope check of the .py form of $name: $(head -c 300 "$d/check.out")"
	# every expect is kept or noted: the count of the YAML's ...
	want=$("$REFSCOPE" check "$f" | sed -n 's/.*, \([0-9]*\) expects checked[,)].*/\1/p')
	kept=$(grep -c '^ *# expect:' "$d/x.py")
	noted=$(sed -n '/^"""/q; /^#   line [0-9]*: /p' "$d/x.py" | wc -l)
	[ "$want" -le $((kept + noted)) ]
	check $? "$name: $want expects checked, the .py form keeps $kept and notes $noted"
	"$REFSCOPE" trace --events "$f" >"$d/y.trace" 2>/dev/null
	"$REFSCOPE" trace --events "$d/x.py" >"$d/p.trace" 2>/dev/null
	"$REFSCOPE" dump --list "$f" >"$d/y.dump" 2>/dev/null
	"$REFSCOPE" dump --list "$d/x.py" >"$d/p.dump" 2>/dev/null
	printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$d/y.trace" "$d/p.trace" \
	    "$d/y.dump" "$d/p.dump" >>"$tmp/jobs"
done
"$PYTHON3" "$(dirname "$0")/roundtrip.py" "$tmp/jobs" >"$tmp/out"
rc=$?
cat "$tmp/out"
check $rc "every .py form runs as its YAML scenario"
# The comparison has teeth: a .py form changed in one way each -- its
# narration, a value, an alias made a copy, a free delayed -- is refused.
cat >"$tmp/t.yaml" <<'YAML'
refscope: 1
title: Teeth
steps:
  - do: x = [1000]
    say: A list.
  - do: y = x
  - do: z = [x]
    repeat: 2
  - do: del z
YAML
"$REFSCOPE" export --python "$tmp/t.yaml" >"$tmp/t.py" 2>/dev/null
"$REFSCOPE" trace --events "$tmp/t.yaml" >"$tmp/t.ytrace"
"$REFSCOPE" dump --list "$tmp/t.yaml" >"$tmp/t.ydump"
for change in 's/^# A list\./# A tuple./' 's/^x = \[1000\]/x = [1001]/' \
    's/^y = x/y = x[:]/' 's/^    z = \[x\]/    z = (x,)/' 's/^del z/pass/'; do
	sed "$change" "$tmp/t.py" >"$tmp/u.py"
	if cmp -s "$tmp/t.py" "$tmp/u.py"; then
		check 1 "the change $change applies to the .py form"
		continue
	fi
	"$REFSCOPE" trace --events "$tmp/u.py" >"$tmp/u.ptrace" 2>/dev/null
	"$REFSCOPE" dump --list "$tmp/u.py" >"$tmp/u.pdump" 2>/dev/null
	printf 'teeth\t%s\t%s\t%s\t%s\n' "$tmp/t.ytrace" "$tmp/u.ptrace" \
	    "$tmp/t.ydump" "$tmp/u.pdump" >"$tmp/teeth.jobs"
	! "$PYTHON3" "$(dirname "$0")/roundtrip.py" "$tmp/teeth.jobs" >/dev/null
	check $? "a .py form changed by $change does not run the same"
done

[ "$n" -gt "$(sampled 100)" ]
check $? "the YAML scenarios were found under $srcdir ($n)"
echo "$n YAML scenarios, $skipped skipped, $invalid not valid to begin with"
finish
