#!/bin/sh
# run-export-python.sh: refscope export --python-check, checked by the tool that
# reads it -- CPython 3.11.
#
#  1. For every shipped YAML scenario (scenarios/), differential scenario
#     (tests/scenarios/, and the YAML course of tests/scenarios/yaml-course/)
#     and collector scenario (tests/collector/) that
#     `refscope check` accepts: the export compiles (py_compile) and runs
#     clean (exit 0), prints what refscope's run prints (addresses aside,
#     as in the differential test), and checks in CPython exactly as many
#     expects as refscope checks.  Where the export says an expect cannot be
#     checked in CPython, or that the output may differ, the differential
#     test must not accept that scenario either: where CPython can answer,
#     no assertion is dropped.
#  2. The asserts have teeth: with every expect of a scenario negated (so
#     refscope's own check fails), each expect checked in CPython fails
#     there, reported at the scenario's file:line:col.
#  3. Scenario text with quotes, backslashes, triple quotes, control and
#     bidirectional characters ends up in valid literals and comments.
#  4. Bad usage and bad files: status 2 and a located message, nothing on
#     stdout.
#
# Environment: REFSCOPE, PYTHON3 (default /usr/bin/python3), abs_top_srcdir.
REFSCOPE=${REFSCOPE:-${abs_top_builddir:-.}/refscope}
PYTHON3=${PYTHON3:-/usr/bin/python3}
srcdir=${abs_top_srcdir:-${srcdir:-.}}

if ! "$PYTHON3" -c 'import sys, yaml; sys.exit(sys.version_info[:2] != (3, 11))' \
    2>/dev/null; then
	echo "run-export-python.sh: $PYTHON3 is not CPython 3.11 with PyYAML; skipped"
	exit 77
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/refscope-py.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM
# the exported programs set PYTHONHASHSEED themselves (and start again)
unset PYTHONHASHSEED

. "$(dirname "$0")/../lib.sh"

# What refscope's run of $1 prints: the output events, in order.
refscope_output() {
	"$REFSCOPE" trace --events "$1" | "$PYTHON3" -c '
import json, sys
for line in sys.stdin:
    rec = json.loads(line)
    if rec.get("event") == "output":
        sys.stdout.write(rec["text"])'
}

# CPython prints an address where refscope prints an id ("at #7").
no_addresses() {
	sed -E 's/ at (0x[0-9a-fA-F]+|#[0-9]+)/ at 0x/g' "$1"
}

# ---- 1. every scenario -----------------------------------------------------
# Python's start-up costs more than most of what it does here, so what only
# reads the exports and traces runs once for all of them (readers.py), and
# the oracle once (oracle.py --batch forks a pristine child per scenario).
# Each exported program still runs on its own, `python3 x.py` in a
# directory of its own, the way a user runs it.
#
# readers.py DIR...: in each DIR, what `python3 -m py_compile DIR/x.py`
# does (compile.err: its message; compile.rc: its status), and, when
# DIR/trace is there, what refscope's run printed: the text of its output
# events (want.out).
cat >"$tmp/readers.py" <<'PY'
import json, py_compile, sys
for d in sys.argv[1:]:
    rc, msg = 0, ""
    try:
        py_compile.compile(d + "/x.py", doraise=True)
    except py_compile.PyCompileError as e:
        rc, msg = 1, e.msg
    except OSError as e:
        rc, msg = 1, str(e)
    with open(d + "/compile.err", "w", encoding="utf-8") as f:
        f.write(msg)
    with open(d + "/compile.rc", "w", encoding="utf-8") as f:
        f.write("%d\n" % rc)
    try:
        trace = open(d + "/trace", encoding="utf-8")
    except FileNotFoundError:
        continue
    try:
        with trace, open(d + "/want.out", "w", encoding="utf-8") as out:
            for line in trace:
                rec = json.loads(line)
                if rec.get("event") == "output":
                    out.write(rec["text"])
    except (OSError, ValueError) as e:    # the comparison will say
        sys.stderr.write("%s/trace: %s\n" % (d, e))
PY

# First what refscope says of each scenario refscope check accepts (in
# $tmp/sN/: its path, the expects it checks, the export), then Python once,
# then the checks, scenario by scenario.
scenarios=0
dirs=
: >"$tmp/oracle.jobs"
for f in "$srcdir"/tests/scenarios/*.yaml \
    "$srcdir"/tests/scenarios/*/*.yaml "$srcdir"/tests/collector/*.yaml; do
	[ -f "$f" ] || continue
	in_sample || continue
	want=$("$REFSCOPE" check "$f" 2>/dev/null |
	    sed -n 's/.*: ok ([0-9]* steps run, \([0-9]*\) expects checked)$/\1/p')
	[ -n "$want" ] || continue	# not accepted by refscope check
	scenarios=$((scenarios + 1))
	d=$tmp/s$scenarios
	mkdir "$d"
	dirs="$dirs $d"
	printf '%s' "$f" >"$d/name"
	echo "$want" >"$d/want"
	"$REFSCOPE" export --python-check "$f" >"$d/x.py" 2>"$d/export.err"
	echo $? >"$d/export.rc"
	if ! grep -q '^# Output may differ in CPython' "$d/x.py"; then
		"$REFSCOPE" trace --events "$f" >"$d/trace"
	fi
	# whether the differential test accepts the scenario (run-diff.sh's
	# rule), asked where the export leaves something unchecked
	if grep -q '^finish(not_checkable=0)$' "$d/x.py" &&
	    [ -f "$d/trace" ]; then
		:
	elif grep -q '^[[:space:]]*#[[:space:]]*diff:[[:space:]]*skip' "$f"
	then
		echo 77 >"$d/oracle.rc"
	else
		printf '%s\t%s\n' "$d/oracle" "$f" >>"$tmp/oracle.jobs"
	fi
done
# shellcheck disable=SC2086 # dirs are words
"$PYTHON3" "$tmp/readers.py" $dirs
"$PYTHON3" "$srcdir/tests/diff/oracle.py" --batch "$tmp/oracle.jobs"

checked_total=0
comments_total=0
n=0
while [ "$n" -lt "$scenarios" ]; do
	n=$((n + 1))
	d=$tmp/s$n
	f=$(cat "$d/name")
	want=$(cat "$d/want")
	check "$(cat "$d/export.rc")" "export --python-check $f: $(head -c 300 "$d/export.err")"
	check "$(cat "$d/compile.rc" 2>/dev/null || echo 99)" \
	    "py_compile accepts the export of $f: $(head -c 300 "$d/compile.err")"
	(cd "$d" && "$PYTHON3" x.py) >"$d/x.out" 2>"$d/x.err"
	check $? "the export of $f runs clean: $(head -c 600 "$d/x.err")"
	got=$(sed -n 's/.*: ok in CPython (\([0-9]*\) expects checked.*/\1/p' \
	    "$d/x.err")
	comments=$(sed -n 's/^finish(not_checkable=\([0-9]*\))$/\1/p' "$d/x.py")
	differs=0
	grep -q '^# Output may differ in CPython' "$d/x.py" && differs=1
	if [ "$differs" -eq 0 ]; then
		no_addresses "$d/want.out" >"$d/want.txt"
		no_addresses "$d/x.out" >"$d/got.txt"
		cmp -s "$d/want.txt" "$d/got.txt"
		check $? "the export of $f prints what refscope prints:
$(diff "$d/want.txt" "$d/got.txt" | head -n 10)"
	fi
	if [ "${comments:-x}" = 0 ]; then
		[ "$got" = "$want" ]
		check $? "the export of $f checks all $want expects in CPython (it checked ${got:-none})"
	else
		# fewer checks: allowed only where CPython is no reference
		[ -n "$got" ] && [ "$got" -le "$want" ]
		check $? "the export of $f checks at most $want expects (${got:-none})"
	fi
	if [ "${comments:-x}" != 0 ] || [ "$differs" -ne 0 ]; then
		[ "$(cat "$d/oracle.rc" 2>/dev/null)" = 77 ]
		check $? "$f: the differential test accepts it, yet the export \
leaves $comments expects unchecked or its output uncompared"
		echo "note: $f: $comments expects left as comments, output \
$([ "$differs" -ne 0 ] && echo "not compared" || echo "compared")"
	fi
	checked_total=$((checked_total + ${got:-0}))
	comments_total=$((comments_total + ${comments:-0}))
done
echo "$scenarios scenarios: $checked_total expects checked in CPython, \
$comments_total left as comments (none where the differential test accepts the scenario)"
[ "$scenarios" -gt "$(sampled 100)" ]
check $? "the scenarios were found under $srcdir"

# ---- 2. the asserts have teeth ----------------------------------------------
# Negates every expect: `==` <-> `!=`, `<` <-> `>=`, `>` <-> `<=`, `is` <->
# `is not`, alive(E) -> alive(E.not_an_attribute).  negate.py SRC DEST
# LINES...: for each triple, writes SRC negated to DEST and the line number
# of each negated expect to LINES (one Python for all the files).
cat >"$tmp/negate.py" <<'PY'
import re, sys
NEG = {"==": "!=", "!=": "==", "<": ">=", ">": "<=", "<=": ">", ">=": "<"}
def negate(src, dest, numbers):
    lines = open(src, encoding="utf-8").read().split("\n")
    out = open(dest, "w", encoding="utf-8")
    inside = None
    for n, line in enumerate(lines, 1):
        m = re.match(r"^(\s*)expect:\s*$", line)
        item = re.match(r"^(\s*)- (.*)$", line)
        if m:
            inside = len(m.group(1))
        elif item and inside is not None and len(item.group(1)) >= inside:
            e = item.group(2)
            c = re.match(r"^(.*?)\s*(==|!=|<=|>=|<|>)\s*(-?\d+)\s*$", e)
            a = re.match(r"^alive\((.*)\)\s*$", e)
            if c:
                e = "%s %s %s" % (c.group(1), NEG[c.group(2)], c.group(3))
            elif a:
                e = "alive(%s.not_an_attribute)" % a.group(1)
            elif " is not " in e:
                e = e.replace(" is not ", " is ", 1)
            elif " is " in e:
                e = e.replace(" is ", " is not ", 1)
            line = item.group(1) + "- " + e
            numbers.write("%d\n" % n)
        elif line.strip() and not line.lstrip().startswith("#"):
            inside = None
        out.write(line + ("\n" if n < len(lines) else ""))
    out.close()
args = sys.argv[1:]
for k in range(0, len(args), 3):
    with open(args[k + 2], "w", encoding="utf-8") as numbers:
        negate(args[k], args[k + 1], numbers)
PY
set --
for f in "$srcdir"/tests/collector/*.yaml \
    "$srcdir"/tests/scenarios/yaml-course/*.yaml; do
	name=$(basename "$f")
	set -- "$@" "$f" "$tmp/$name" "$tmp/$name.lines"
done
"$PYTHON3" "$tmp/negate.py" "$@"
for f in "$srcdir"/tests/collector/*.yaml \
    "$srcdir"/tests/scenarios/yaml-course/*.yaml; do
	name=$(basename "$f")
	"$REFSCOPE" export --python-check "$tmp/$name" >"$tmp/n.py" 2>/dev/null
	[ $? -eq 1 ]
	check $? "export of negated $name: status 1 (refscope's own check fails)"
	(cd "$tmp" && "$PYTHON3" n.py) >/dev/null 2>"$tmp/n.err"
	[ $? -eq 1 ]
	check $? "the export of negated $name fails in CPython"
	ran=$(sed -n 's/.*: \([0-9]*\) of \([0-9]*\) expects failed in CPython.*/\1 \2/p' \
	    "$tmp/n.err")
	set -- $ran
	[ -n "$ran" ] && [ "$1" -eq "$2" ] && [ "$2" -gt 0 ]
	check $? "every expect of negated $name checked in CPython fails there ($ran)"
	# each failure is located at a negated expect of the file
	bad=0
	grep ': expect failed: ' "$tmp/n.err" | while IFS= read -r msg; do
		case $msg in
		"$tmp/$name":[0-9]*:[0-9]*": expect failed: "*) ;;
		*) echo "  not located: $msg"; exit 1 ;;
		esac
		l=${msg#"$tmp/$name":}
		l=${l%%:*}
		grep -qx "$l" "$tmp/$name.lines" ||
		    { echo "  not a negated expect's line: $msg"; exit 1; }
	done || bad=1
	check $bad "the failures of negated $name are located at its expects"
done

# A plain wrong expect, and CPython's answer to it.
cat >"$tmp/wrong.yaml" <<'YAML'
refscope: 1
title: A wrong count
steps:
  - do: x = 1000
    expect:
      - refcount(x) == 2
YAML
"$REFSCOPE" export --python-check "$tmp/wrong.yaml" >"$tmp/w.py" 2>/dev/null
[ $? -eq 1 ]
check $? "export of a scenario whose expect fails: status 1, program written"
(cd "$tmp" && "$PYTHON3" w.py) >/dev/null 2>"$tmp/w.err"
[ $? -eq 1 ]
check $? "its export fails in CPython"
grep -qxF "$tmp/wrong.yaml:6:9: expect failed: refcount(x) == 2: in CPython \
sys.getrefcount(x) - 1 is 1" "$tmp/w.err"
check $? "the failure says where and what CPython saw: $(head -n 1 "$tmp/w.err")"

# ---- 3. hostile text ----------------------------------------------------------
hostile="$tmp/ho\"st\\i'le.yaml"
cat >"$hostile" <<'YAML'
refscope: 1
title: "Hostile \"\"\" title\\ with \x1b[31m escapes\r\nand a line \u202e caf\u00e9"
section: "# not a comment \"\"\"\n'''"
summary: "a\tb \\ ends with a backslash \\"
functions:
  - name: f
    params: [p]
    body:
      - do: "q = [p, 'x\"\"\"y', \"\\\\\", 'tab\there', 'caf\u00e9 \u202e', 'a\\nb']"
        say: "narration with \"\"\" and \\ and \x07 bell\nsecond line \\"
        expect:
          - refcount(p) == 3
      - do: return q
        expect:
          - refcount(q) == 2
steps:
  - do: "x = 'it''s \"\"\" \\\\ done'"
    say: "\"\"\"\n\\\n\x01\x7f\u2028 end \\"
    expect:
      - refcount(x) == 1
  - do: y = f(x)
    expect:
      - y[0] is x
      - refcount(y) == 1
  - do: 'print(x, y, "\\u202e", len(y[3]), ''\\'' + "\"")'
  - do: "z = {'k\"\"\"': [1000], \"\\\\\": '\u00e9'}"
    expect:
      - "refcount(z['k\"\"\"']) == 1"
      - alive(z['k"""'])
  - do: print(z)
YAML
"$REFSCOPE" check "$hostile" >/dev/null 2>&1
check $? "refscope accepts the hostile scenario"
"$REFSCOPE" export --python-check "$hostile" >"$tmp/h.py" 2>"$tmp/h.err"
check $? "export --python-check of the hostile scenario"
"$PYTHON3" -m py_compile "$tmp/h.py" 2>"$tmp/h.err"
check $? "py_compile accepts the hostile export: $(head -c 300 "$tmp/h.err")"
(cd "$tmp" && "$PYTHON3" h.py) >"$tmp/h.out" 2>"$tmp/h.err"
check $? "the hostile export runs clean: $(head -c 300 "$tmp/h.err")"
grep -q ': ok in CPython (7 expects checked)$' "$tmp/h.err"
check $? "the hostile export checks its 7 expects: $(tail -n 1 "$tmp/h.err")"
refscope_output "$hostile" >"$tmp/h.want"
cmp -s "$tmp/h.want" "$tmp/h.out"
check $? "the hostile export prints what refscope prints"
# no raw control character (tab and newline aside), DEL, C1, or bidi
# override anywhere in the program
"$PYTHON3" -c '
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
bad = re.findall("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff]", text)
sys.exit(1 if bad else 0)' "$tmp/h.py"
check $? "the hostile export holds no raw control or bidi character"
grep -q '^# narration\|^    # narration with' "$tmp/h.py"
check $? "a body step's say: is a comment in the function's source"

# ---- 4. what CPython cannot check stays, as a comment -----------------------
# Runs data file $1's export: prints what refscope prints, checks $2 expects,
# leaves $3 as comments.
export_counts() {
	f=$srcdir/tests/cli/data/$1
	"$REFSCOPE" export --python-check "$f" >"$tmp/e.py" 2>/dev/null
	check $? "export --python-check $1"
	(cd "$tmp" && "$PYTHON3" e.py) >"$tmp/e.out" 2>"$tmp/e.err"
	check $? "the export of $1 runs clean: $(head -c 300 "$tmp/e.err")"
	grep -q ": ok in CPython ($2 expects checked; $3 more cannot be checked" \
	    "$tmp/e.err"
	check $? "$1: $2 expects checked, $3 left as comments: $(tail -n 1 "$tmp/e.err")"
	refscope_output "$f" >"$tmp/e.want"
	cmp -s "$tmp/e.want" "$tmp/e.out"
	check $? "the export of $1 prints what refscope prints"
}
# says why, next to the expect
has() {
	grep -A3 "^ *# Not checked in CPython: $1" "$tmp/e.py" | tr -d '#\n' |
	    tr -s ' ' | grep -q "$2"
	check $? "$3"
}
export_counts python-edges.yaml 8 3
has "freed == 2 " "made and freed within this step" \
    "a temporary freed in its own step is not counted from outside"
has "freed == 0 " "body steps of the functions it calls" \
    "frees inside a call's body steps are not counted from outside"
has "heap == 309 " "inside a function" "heap inside a function is a comment"
grep -q '^    provide("refscope_", repeats=\[300\])$' "$tmp/e.py"
check $? "the helper steps aside for a class named refscope, and holds the
    loop count too large to share"
grep -q 'for i in range(refscope_.repeat\[0\]):  # 300 times' "$tmp/e.py"
check $? "a body step repeated 300 times loops over the helper's count"
export_counts python-settings.yaml 0 2
has "refcount(x) == 1 " "small_int_cache: false has no equivalent" \
    "small_int_cache: false is a comment"
grep -q '^    disable()  # settings: gc: off' "$tmp/e.py"
check $? "gc: off is gc.disable()"

# ---- 5. bad usage -------------------------------------------------------------
expect_status() {	# STATUS WHAT ARGS...
	want=$1 what=$2
	shift 2
	"$REFSCOPE" "$@" >"$tmp/u.out" 2>"$tmp/u.err"
	[ $? -eq "$want" ]
	check $? "$what: status $want"
	[ ! -s "$tmp/u.out" ]
	check $? "$what: nothing on stdout"
}
expect_status 2 "export --python-check without a file" export --python-check
expect_status 2 "export --python-check and --dot together" export --python-check --dot \
    "$tmp/wrong.yaml"
expect_status 2 "export --python-check --step" export --python-check --step 1 \
    "$tmp/wrong.yaml"
expect_status 2 "export --python-check of a missing file" export --python-check \
    "$tmp/no-such-file.yaml"
grep -q "^$tmp/no-such-file.yaml: error: cannot open" "$tmp/u.err"
check $? "a missing file is named: $(head -n 1 "$tmp/u.err")"
expect_status 2 "export --python-check of a directory" export --python-check "$tmp"
grep -q "^$tmp: error: cannot read" "$tmp/u.err"
check $? "an unreadable file is named: $(head -n 1 "$tmp/u.err")"
if [ "$(id -u)" -ne 0 ]; then
	cp "$tmp/wrong.yaml" "$tmp/locked.yaml"
	chmod 000 "$tmp/locked.yaml"
	expect_status 2 "export --python-check of a file without read permission" \
	    export --python-check "$tmp/locked.yaml"
	grep -q "^$tmp/locked.yaml: error: cannot open" "$tmp/u.err"
	check $? "a file without read permission is named"
fi
printf 'refscope: 1\ntitle: t\nsteps:\n  - do: x = [1,\n' >"$tmp/bad.yaml"
expect_status 2 "export --python-check of a malformed scenario" export --python-check \
    "$tmp/bad.yaml"
grep -q "^$tmp/bad.yaml:[0-9]*:[0-9]*: error: " "$tmp/u.err"
check $? "a malformed scenario is located: $(head -n 1 "$tmp/u.err")"

finish
