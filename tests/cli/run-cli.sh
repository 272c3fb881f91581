#!/bin/sh
# run-cli.sh: the end-to-end test of refscope's headless command line
# (DESIGN §2, §6, §7, §8): exit statuses, located messages with their
# excerpt and caret, every practical limit, the JSON Lines trace, the
# escaping of control characters, and that no headless command ever
# writes a terminal escape sequence.
#
#   run-cli.sh
#
# Environment: REFSCOPE (default $abs_top_builddir/refscope), PYTHON3
# (default /usr/bin/python3; used to parse the trace), abs_top_srcdir and
# abs_top_builddir (set by the test harness; default the repository root),
# CLI_TIMEOUT (seconds per refscope run, default 60).
# Prints one line per check and `N passed, M failed` last; exit status 0
# when all pass, 1 otherwise, 77 (skip) without a Python, 99 without
# refscope.

top=$(cd "$(dirname "$0")/../.." && pwd)
abs_top_srcdir=${abs_top_srcdir:-$top}
abs_top_builddir=${abs_top_builddir:-$top}
REFSCOPE=${REFSCOPE:-$abs_top_builddir/refscope}
PYTHON3=${PYTHON3:-/usr/bin/python3}
CLI_TIMEOUT=${CLI_TIMEOUT:-60}
data=$abs_top_srcdir/tests/cli/data

if [ ! -x "$REFSCOPE" ]; then
	echo "run-cli.sh: no refscope program at $REFSCOPE (set REFSCOPE)"
	exit 99
fi
if ! "$PYTHON3" -c 'import json' 2>/dev/null; then
	echo "run-cli.sh: no usable Python at $PYTHON3 (set PYTHON3); skipped"
	exit 77
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/refscope-cli.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

. "$abs_top_srcdir/tests/lib.sh"
ESC=$(printf '\033')
BEL=$(printf '\007')
RLO=$(printf '\342\200\256')	# U+202E RIGHT-TO-LEFT OVERRIDE in UTF-8

if command -v timeout >/dev/null 2>&1; then
	limit_time="timeout $CLI_TIMEOUT"
else
	limit_time=
fi


# run ARGS...: runs refscope; $rc, $tmp/out, $tmp/err.  Every run is also
# checked for crashes and hangs (both are failures of their own).
run() {
	$limit_time "$REFSCOPE" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
	last_cmd="refscope $*"
	if [ "$rc" -eq 124 ] && [ -n "$limit_time" ]; then
		fail "$last_cmd: finishes" "timed out after ${CLI_TIMEOUT}s"
	elif [ "$rc" -ge 128 ]; then
		fail "$last_cmd: does not crash" \
		    "killed by signal $((rc - 128)); stderr: $(head -c 300 "$tmp/err")"
	fi
}

# Assertions on the last run; the first argument names the check.
status_is() {
	if [ "$rc" -eq "$2" ]; then
		pass "$1 (exit $2)"
	else
		fail "$1" "$last_cmd: exit $rc, expected $2" \
		    "stderr: $(head -c 400 "$tmp/err")"
	fi
}

# contains WHAT FILE(out|err) FIXED-STRING
contains() {
	if grep -qF -- "$3" "$tmp/$2"; then
		pass "$1"
	else
		fail "$1" "$last_cmd: std$2 lacks: $3" \
		    "std$2 was: $(head -c 400 "$tmp/$2")"
	fi
}

# has_line WHAT FILE(out|err) EXACT-LINE
has_line() {
	if grep -qxF -- "$3" "$tmp/$2"; then
		pass "$1"
	else
		fail "$1" "$last_cmd: std$2 lacks the line: [$3]" \
		    "std$2 was:" "$(head -c 600 "$tmp/$2")"
	fi
}

# matches WHAT FILE(out|err) EXTENDED-REGEX
matches() {
	if grep -qE -- "$3" "$tmp/$2"; then
		pass "$1"
	else
		fail "$1" "$last_cmd: std$2 matches no line of /$3/" \
		    "std$2 was: $(head -c 400 "$tmp/$2")"
	fi
}

empty() {
	if [ ! -s "$tmp/$2" ]; then
		pass "$1"
	else
		fail "$1" "$last_cmd: std$2 is not empty: $(head -c 300 "$tmp/$2")"
	fi
}

# no_raw WHAT: neither stdout nor stderr of the last run holds an ESC, a
# BEL or a U+202E byte sequence.
no_raw() {
	bad=
	for f in out err; do
		LC_ALL=C grep -qF -- "$ESC" "$tmp/$f" && bad="$bad ESC in std$f;"
		LC_ALL=C grep -qF -- "$BEL" "$tmp/$f" && bad="$bad BEL in std$f;"
		LC_ALL=C grep -qF -- "$RLO" "$tmp/$f" && bad="$bad U+202E in std$f;"
	done
	if [ -z "$bad" ]; then
		pass "$1"
	else
		fail "$1" "$last_cmd: raw bytes:$bad"
	fi
}

# no_esc WHAT: no ESC byte at all on stdout or stderr (no terminal
# sequence, whatever the input).
no_esc() {
	if LC_ALL=C grep -qF -- "$ESC" "$tmp/out" "$tmp/err"; then
		fail "$1" "$last_cmd: an ESC byte was written"
	else
		pass "$1"
	fi
}

# ---- generated fixtures (too large to ship) ----

# sized FILE BYTES: a valid one-step scenario of exactly BYTES bytes.
sized() {
	header='refscope: 1
title: A scenario of an exact size
steps:
  - do: x = 1
'
	hlen=$(printf '%s' "$header" | wc -c)
	{
		printf '%s#' "$header"
		head -c $(($2 - hlen - 2)) /dev/zero | tr '\0' x
		printf '\n'
	} >"$1"
}

# steps FILE N: a scenario of N written steps.
steps() {
	{
		printf 'refscope: 1\ntitle: %s written steps\nsteps:\n' "$2"
		awk -v n="$2" 'BEGIN { for (i = 0; i < n; i++) print "  - do: x = 1" }'
	} >"$1"
}

# literal FILE N: one step binding a str literal of N characters.
literal() {
	{
		printf "refscope: 1\ntitle: A long literal\nsteps:\n  - do: x = '"
		head -c "$2" /dev/zero | tr '\0' a
		printf "'\n"
	} >"$1"
}

sized "$tmp/size-1mib.yaml" 1048576
sized "$tmp/size-over.yaml" 1048577
steps "$tmp/steps-10000.yaml" 10000
steps "$tmp/steps-10001.yaml" 10001
literal "$tmp/literal-4097.yaml" 4097

cd "$data" || exit 99

# ==== 1. exit statuses and located messages ====

run check good.yaml
status_is "check: a good scenario" 0
has_line "check: a good scenario prints its ok line" out \
    "good.yaml: ok (9 steps run, 3 expects checked)"
empty "check: a good scenario writes nothing on stderr" err

run check expect-fails.yaml
status_is "check: a failing expect" 1
matches "check: a failing expect is located at the expect line and names the value seen" err \
    '^expect-fails\.yaml:7:9: error: expect failed: .*refcount\(x\) is 2'
has_line "check: a failing expect shows its source line" err \
    "    7 |       - refcount(x) == 3"
has_line "check: a failing expect puts the caret under column 9" err \
    "      |         ^"
if grep -q ': ok' "$tmp/out"; then
	fail "check: a failing scenario prints no ok line" "stdout: $(cat "$tmp/out")"
else
	pass "check: a failing scenario prints no ok line"
fi

run check unknown-key.yaml
status_is "check: an unknown key" 2
matches "check: an unknown key is located (5:5) and named" err \
    "^unknown-key\.yaml:5:5: error: .*unknown key 'sya'"
has_line "check: an unknown key shows its source line" err \
    "    5 |     sya: hello"
has_line "check: an unknown key puts the caret under column 5" err \
    "      |     ^"

run check missing-title.yaml
status_is "check: a missing title" 2
matches "check: a missing title is located and named" err \
    "^missing-title\.yaml:[0-9]+:[0-9]+: error: .*'title'"

run check bad-indent.yaml
status_is "check: bad indentation" 2
matches "check: bad indentation is located at line 5" err \
    '^bad-indent\.yaml:5:[0-9]+: error: '

run check for-loop.yaml
status_is "check: a for loop (outside the subset)" 2
# shellcheck disable=SC2016 # the backquotes are literal
matches "check: a for loop is located at the statement (5:10)" err \
    '^for-loop\.yaml:5:10: error: .*`?for`? loops are not part of the subset'
contains "check: a for loop gets the repeat: hint" err "repeat:"
has_line "check: a for loop shows its source line" err \
    '    5 |   - do: "for i in x: pass"'
has_line "check: a for loop puts the caret under column 10" err \
    "      |          ^"

for case in \
    "raise-name:NameError:5:13:name 'zz' is not defined" \
    "raise-index:IndexError:5:13:list index out of range" \
    "raise-key:KeyError:5:13:3" \
    "raise-attribute:AttributeError:7:15:'Node' object has no attribute 'missing'" \
    "raise-type:TypeError:5:13:unsupported operand type(s) for +: 'int' and 'str'" \
    "raise-zero-division:ZeroDivisionError:5:13:integer division or modulo by zero" \
    "raise-recursion:RecursionError:7:20:maximum recursion depth exceeded"; do
	file=${case%%:*}; rest=${case#*:}
	exc=${rest%%:*}; rest=${rest#*:}
	line=${rest%%:*}; rest=${rest#*:}
	col=${rest%%:*}; msg=${rest#*:}
	run check "$file.yaml"
	status_is "check: $exc" 2
	contains "check: $exc is located ($line:$col) and named with CPython's message" \
	    err "$file.yaml:$line:$col: error: $exc: $msg"
	no_esc "check: $exc writes no escape sequence"
done

run check raise-attribute.yaml
has_line "check: AttributeError shows its source line" err \
    "    7 |   - do: y = n.missing"
has_line "check: AttributeError puts the caret under the attribute (column 15)" err \
    "      |               ^"

run check raise-recursion.yaml
contains "check: RecursionError mentions the call depth limit 200" err "200"
has_line "check: RecursionError shows the body line" err \
    "    7 |       - do: return f(n + 1)"
has_line "check: RecursionError puts the caret under the call (column 20)" err \
    "      |                    ^"

# Column 20 counts characters; the excerpt shows U+202E as \u202e (six
# columns), so the caret must move with it, under zz.
run check caret-unicode.yaml
status_is "check: NameError after a raw U+202E" 2
contains "check: the column counts characters, not bytes (4:20)" err \
    "caret-unicode.yaml:4:20: error: NameError"
has_line "check: the excerpt shows U+202E as an escape" err \
    "    4 |   - do: y = 'a\\u202e' + zz"
has_line "check: the caret follows the escaped excerpt (under zz)" err \
    "      |                         ^"
no_raw "check: no raw U+202E in the excerpt"

run check good.yaml expect-fails.yaml
status_is "check: good + failing expect gives the worse status" 1
has_line "check: several files: the good one still gets its ok line" out \
    "good.yaml: ok (9 steps run, 3 expects checked)"
run check expect-fails.yaml raise-name.yaml good.yaml
status_is "check: failing + malformed + good gives the worst status" 2
contains "check: several files: every error is reported (expect)" err \
    "expect-fails.yaml:7:9"
contains "check: several files: every error is reported (NameError)" err \
    "raise-name.yaml:5:13"

run check no-such-file.yaml
status_is "check: a missing file" 2
contains "check: a missing file is named" err "no-such-file.yaml"
run check good.yaml no-such-file.yaml
status_is "check: a good file and a missing file" 2

run trace expect-fails.yaml
status_is "trace: a failing expect" 1
run dump raise-name.yaml
status_is "dump: a NameError" 2
run trace no-such-file.yaml
status_is "trace: a missing file" 2

# ==== 3. the limits of DESIGN §8 ====

# limit WHAT FILE REGEX: check FILE exits 2 with a message matching REGEX.
limit() {
	run check "$2"
	status_is "limit: $1" 2
	matches "limit: $1 has its own message" err "$3"
}

run check "$tmp/size-1mib.yaml"
status_is "limit: a file of exactly 1 MiB is accepted" 0
limit "a file larger than 1 MiB" "$tmp/size-over.yaml" '1 MiB'
run check "$tmp/steps-10000.yaml"
status_is "limit: 10 000 written steps are accepted" 0
limit "more than 10 000 written steps" "$tmp/steps-10001.yaml" \
    'more than 10 ?000 written steps'
limit "repeat above 1 000 000" limit-repeat.yaml \
    'repeat.*1 ?000 ?000'
limit "a string literal longer than 4 096 characters" \
    "$tmp/literal-4097.yaml" '4 ?096'
limit "a string built at run time longer than 4 096 characters" \
    limit-runtime-string.yaml \
    '^limit-runtime-string\.yaml:6:[0-9]+: error: .*longer than 4 ?096'
limit "call depth 200" raise-recursion.yaml 'RecursionError.*200'
run check exec-steps-at-limit.yaml
status_is "limit: exactly 3 000 000 executed steps (3 x repeat: 1000000) are accepted" 0
limit "more than 3 000 000 executed steps" limit-exec-steps.yaml \
    'more than 3 ?000 ?000 steps'
limit "more than 30 000 000 events" limit-events.yaml \
    'more than 30 ?000 ?000 events'
limit "1 000 000 live objects (crossed at the repeat counter)" \
    limit-live-objects.yaml '1 ?000 ?000 live objects'
limit "1 000 000 live objects (crossed at a new list)" \
    limit-live-objects-list.yaml '1 ?000 ?000 live objects'

# ==== 4. the JSON Lines trace (DESIGN §7) ====

# pycheck WHAT FILE SCRIPT [ARGS...]: SCRIPT reads the JSON Lines in FILE
# and prints what is wrong (nothing when all is well).
pycheck() {
	what=$1; file=$2; script=$3; shift 3
	if problems=$("$PYTHON3" -c "$script" "$file" "$@" 2>&1) &&
	    [ -z "$problems" ]; then
		pass "$what"
	else
		fail "$what" "$last_cmd:" "$problems"
	fi
}

parse='
import json, sys
recs = []
for n, line in enumerate(open(sys.argv[1], encoding="utf-8"), 1):
    try:
        r = json.loads(line)
    except ValueError as e:
        print("line %d is not JSON: %s: %r" % (n, e, line[:200])); sys.exit(1)
    if not isinstance(r, dict):
        print("line %d is not an object" % n); sys.exit(1)
    recs.append(r)
steps = [r for r in recs if "event" not in r]
events = [r for r in recs if "event" in r]
'

run trace good.yaml
status_is "trace: a good scenario" 0
pycheck "trace: every line is a JSON object" "$tmp/out" "$parse"
pycheck "trace: one record per executed step, body steps included, with their depth" \
    "$tmp/out" "$parse"'
want = [("x = 300", 0), ("tmp = [n, n]", 1), ("return tmp", 1),
        ("p = pair(x)", 0), ("q = [0]", 0), ("q.append(i)", 0),
        ("q.append(i)", 0), ("q.append(i)", 0), ("print(\x27done\x27)", 0)]
got = [(r.get("code"), r.get("depth")) for r in steps]
if got != want: print("records (code, depth):", got, "expected", want)
if events: print("event lines without --events:", events[:2])
'
pycheck "trace: records carry the fields of DESIGN §7" "$tmp/out" "$parse"'
keys = {"step", "depth", "line", "code", "frames", "heap", "freed",
        "collected", "output"}
for r in steps:
    if not keys <= set(r):
        print("record", r.get("step"), "lacks", sorted(keys - set(r)))
body = [r for r in steps if r.get("code") == "tmp = [n, n]"][0]
fr = [f.get("function") for f in body["frames"]]
if fr != ["<module>", "pair"]: print("frames inside pair:", fr)
if body["line"] != 8: print("line of the body step:", body["line"])
ids = {h["id"]: h for h in body["heap"]}
n = body["frames"][1]["names"].get("n")
if n not in ids or ids[n]["refcount"] != 4 or ids[n]["repr"] != "300":
    print("x/n inside pair:", ids.get(n))
last = steps[-1]
if last["output"] != "done\n": print("output of print:", repr(last["output"]))
'

run trace --events good.yaml
status_is "trace --events" 0
pycheck "trace --events: event lines are added, step records unchanged" \
    "$tmp/out" "$parse"'
if len(steps) != 9: print("step records:", len(steps))
if not events: print("no event lines")
kinds = {e["event"] for e in events}
for k in ("alloc", "incref", "decref", "bind", "frame_push", "frame_pop"):
    if k not in kinds: print("no", k, "event; kinds seen:", sorted(kinds))
known = {r["step"] for r in steps} | {0}
for e in events:
    if not isinstance(e.get("reason"), str) or e.get("step") not in known:
        print("event without a reason or a known step:", e); break
    if e["event"] in ("alloc", "incref", "decref", "bind", "free") and \
            not isinstance(e.get("id"), int):
        print("object event without an id:", e); break
out = [e for e in events if e["event"] == "output"]
if [e.get("text") for e in out] != ["done\n"]: print("output events:", out)
'

run trace control-chars.yaml
status_is "trace: a scenario printing control characters" 0
no_raw "trace: no raw ESC, BEL or U+202E in the trace"
pycheck "trace: output round-trips through json.loads to the original text" \
    "$tmp/out" "$parse"'
outs = [r["output"] for r in steps]
want = ["", "A\x1b[31mB\x07C\u202eD\n", "bell\x07 rlo\u202e\n"]
if outs != want: print("outputs:", outs, "expected", want)
'
run trace --events control-chars.yaml
no_raw "trace --events: no raw ESC, BEL or U+202E"
run dump control-chars.yaml
status_is "dump: a scenario printing control characters" 0
no_raw "dump: no raw ESC, BEL or U+202E"
contains "dump: the printed text is shown, escaped" out '\x1b[31mB'

# --- U+2028 and U+0085 end a line for libyaml, not for an editor: every
# line number refscope writes is the editor's ---
run trace line-separators.yaml
status_is "trace: a file holding U+2028 and U+0085" 0
contains "trace: the editor's line numbers" out '"line":6,"code":"y = x"'
run dump --list line-separators.yaml
contains "dump --list: the editor's line numbers" out 'step 2 · line 6 · y = x'
run export --python-check line-separators.yaml
contains "export --python-check: the editor's line of a step" out 'run("6:9", "y = x")'
contains "export --python-check: the editor's line of an expect" out \
    'expect_number("8:9", "refcount(x) == 2"'

# --- the size of a trace: a file or a pipe gets all of it; a terminal
# stops at 256 MiB; --max-output sets the limit anywhere ---
{
	printf 'refscope: 1\ntitle: 2 000 appends\nsteps:\n  - do: lst = []\n'
	printf '  - do: lst.append([1, 2])\n    repeat: 2000\n'
} >"$tmp/appends.yaml"
"$REFSCOPE" trace "$tmp/appends.yaml" 2>"$tmp/err" | wc -c >"$tmp/bytes"
if [ "$(cat "$tmp/bytes")" -gt $((256 * 1024 * 1024)) ] &&
    [ ! -s "$tmp/err" ]; then
	pass "trace: 2 000 appends into a pipe: all $(cat "$tmp/bytes") bytes, no error"
else
	fail "trace: 2 000 appends into a pipe: all of it, no error" \
	    "$(cat "$tmp/bytes") bytes; stderr: $(head -c 300 "$tmp/err")"
fi
run trace --max-output 1M "$tmp/appends.yaml"
status_is "trace --max-output 1M: stops there" 2
contains "trace --max-output 1M: says where and why" err \
    "appends.yaml:5:9: error: the trace stops at step 115: it has written 1 MiB, the most --max-output allows"
if [ "$(wc -c <"$tmp/out")" -le $((1024 * 1024)) ]; then
	pass "trace --max-output 1M: at most 1 MiB written"
else
	fail "trace --max-output 1M: at most 1 MiB written" "$(wc -c <"$tmp/out")"
fi
run trace --delta --max-output 2M "$tmp/appends.yaml"
status_is "trace --delta: 2 000 appends fit in 2 MiB" 0
for bad in 12x -1 '' M 99999999999999999999; do
	run trace --max-output "$bad" good.yaml
	status_is "trace --max-output '$bad': refused" 2
	contains "trace --max-output '$bad': says what it expected" err \
	    "--max-output: expected a size such as 64M"
done
if command -v script >/dev/null 2>&1; then
	script -qec "'$REFSCOPE' trace '$tmp/appends.yaml'" /dev/null >"$tmp/tty" 2>&1
	if grep -q 'the trace stops at step [0-9]*: it has written 256 MiB, the most refscope writes to a terminal' "$tmp/tty"; then
		pass "trace on a terminal: stops at 256 MiB, and says so"
	else
		fail "trace on a terminal: stops at 256 MiB, and says so" \
		    "$(tail -c 400 "$tmp/tty")"
	fi
fi

# ==== 5. help, version, usage, list ====

run --help
status_is "--help" 0
for cmd in check trace dump list; do
	matches "--help lists $cmd" out "refscope $cmd"
done
run --version
status_is "--version" 0
has_line "--version prints the version" out "refscope 0.1.0"
run --no-such-option
status_is "an unknown option" 2
contains "an unknown option prints the usage on stderr" err "usage: refscope"
empty "an unknown option prints nothing on stdout" out
run frobnicate a b
status_is "an unknown command" 2
contains "an unknown command prints the usage on stderr" err "usage: refscope"
run check
status_is "check without a file" 2
contains "check without a file prints the usage" err "usage: refscope"
run trace --bogus good.yaml
status_is "trace with an unknown option" 2
contains "trace with an unknown option says which" err \
    "refscope: trace: unknown option '--bogus'"

# --python X.Y on every command (DESIGN §10): the version modelled, in the
# trace, the picture and the counts of immortal objects; a wrong value is a
# usage error.
cat >"$tmp/versions.py" <<'PY'
import sys
def f(a):
    print(sys.getrefcount(a))
f([])
print(sys.getrefcount(None))
PY
run trace "$tmp/versions.py"
contains "trace says which version it modelled: 3.11 by default" out \
    '"python":"3.11"'
run trace --python 3.14 "$tmp/versions.py"
status_is "trace --python 3.14" 0
contains "trace --python 3.14 says so" out '"python":"3.14"'
contains "3.14 borrows the local passed to getrefcount" out '"output":"1\n"'
contains "None is immortal on 3.14, counted as the 64-bit build" out \
    '"output":"3221225472\n"'
run trace --python=3.12 "$tmp/versions.py"
contains "trace --python=3.12: None as 3.12 counts it" out \
    '"output":"4294967295\n"'
contains "3.12 counts the local passed to getrefcount" out '"output":"2\n"'
run dump --python 3.13 "$tmp/versions.py"
contains "dump --python 3.13: the title bar says the version" out \
    "python 3.13"
contains "dump --python 3.13: None's box says immortal" out "immortal"
run export --python 3.13 --dot "$tmp/versions.py"
status_is "export --python 3.13 --dot" 0
run export --python "$tmp/versions.py"
status_is "export --python FILE is still the Python export" 0
run trace --python 3.10 "$tmp/versions.py"
status_is "trace --python 3.10" 2
contains "trace --python 3.10 says what it expected" err \
    "refscope: --python: expected 3.11, 3.12, 3.13 or 3.14, found '3.10'"
run check --python
status_is "--python without a version" 2
contains "--python without a version says so" err \
    "refscope: --python: expected 3.11, 3.12, 3.13 or 3.14, found nothing"

# Numbers on the command line are read strictly (no atoi: junk, signs and
# 32-bit wrap-around were taken silently), and a refusal says what was
# wrong; the bounds are the man page's.
bad_number() {
	run "$@" good.yaml
	status_is "$*: refused" 2
	contains "$*: says what was wrong" err "refscope: $expect"
	contains "$*: then the usage" err "usage: refscope"
	empty "$*: nothing on stdout" out
}
expect="--height: expected a number from 16 to 1000, found 'abc'"
bad_number export --cast --height abc
expect="--height: expected a number from 16 to 1000, found '15'"
bad_number export --cast --height 15
expect="--width: expected a number from 60 to 1000, found '4294967396'"
bad_number export --cast --width 4294967396
expect="--width: expected a number from 60 to 1000, found '+100'"
bad_number export --cast --width +100
expect="--width: expected a number from 1 to 1000, found '12x'"
bad_number dump --width 12x
expect="--width: expected a number from 1 to 1000, found ' 12'"
bad_number dump --width " 12"
expect="--width: expected a number from 1 to 1000, found '1001'"
bad_number dump --width 1001
expect="--step: expected a number from 1 to 4294967294, found '-1'"
bad_number export --dot --step -1
expect="--step: expected a number from 1 to 4294967294, found '4294967297'"
bad_number export --dot --step 4294967297
run dump --width
status_is "dump --width without a number" 2
contains "dump --width without a number: says so" err \
    "refscope: --width: expected a number from 1 to 1000, found nothing"
# the bounds themselves are taken (16 was refused though the man page
# allows it)
run export --cast --width 60 --height 16 good.yaml
status_is "export --cast --width 60 --height 16" 0
contains "export --cast --width 60 --height 16: a 60x16 recording" out \
    '"width": 60, "height": 16'
run export --cast --width 1000 --height 16 good.yaml
status_is "export --cast --width 1000 --height 16" 0
run export --cast --width 60 --height 1000 good.yaml
status_is "export --cast --width 60 --height 1000" 0
run dump --width 1 good.yaml
status_is "dump --width 1" 0
run dump --width 1000 good.yaml
status_is "dump --width 1000" 0

run list
status_is "list" 0
for f in "$abs_top_srcdir"/scenarios/*.py; do
	[ -f "$f" ] || continue
	case $f in
	*.py)	# the docstring's first line
		name=$(basename "$f" .py)
		title=$(sed -n '/^"""/{s/^"""//;s/"""$//;p;q;}' "$f") ;;
	*)	name=$(basename "$f" .yaml)
		title=$(sed -n 's/^title:[[:space:]]*//p' "$f" | sed 's/^"\(.*\)"$/\1/;s/^'"'"'\(.*\)'"'"'$/\1/') ;;
	esac
	# shellcheck disable=SC2016 # a literal sed program
	# each line: the section (if any), the name, the title, the summary
	matches "list shows $name with its title" out \
	    "(^|[[:space:]])${name}[[:space:]]+$(printf '%s' "$title" | sed 's/[][\.*^$(){}?+|/]/\\&/g')"
done

# ==== 6. headless commands never touch the terminal ====

for args in "check expect-fails.yaml" "check raise-key.yaml" \
    "check unknown-key.yaml" "check error-control-chars.yaml" \
    "check unknown-key-control-chars.yaml" "trace error-control-chars.yaml" \
    "trace --events unknown-key-control-chars.yaml" \
    "dump error-control-chars.yaml" "dump unknown-key-control-chars.yaml" \
    "check no-such-file.yaml"; do
	# shellcheck disable=SC2086
	run $args
	no_raw "$args: no escape sequence, BEL or U+202E on stdout/stderr"
done
run check error-control-chars.yaml
contains "check: a KeyError quotes its key as Python's repr" err \
    "KeyError: '\\x1b[2J\\x07\\u202e'"

# The same with a terminal on stdout and stderr, where a program could be
# tempted to set up the screen.
if command -v script >/dev/null 2>&1 &&
    script -qec true /dev/null >/dev/null 2>&1 </dev/null; then
	TERM=xterm-256color script -qec "'$REFSCOPE' check expect-fails.yaml; \
	    '$REFSCOPE' dump error-control-chars.yaml; \
	    '$REFSCOPE' trace unknown-key-control-chars.yaml" /dev/null \
	    >"$tmp/out" 2>"$tmp/err" </dev/null
	last_cmd="refscope check/dump/trace on a terminal (script)"
	if [ -s "$tmp/out" ]; then
		no_raw "check, dump, trace on a terminal write no escape sequence"
	else
		fail "check, dump, trace on a terminal" "script(1) captured nothing"
	fi
else
	echo "skip check, dump, trace on a terminal (no usable script(1))"
fi

# ==== 7. a stdout that cannot be written ====

# Every command checks its writes: a full disk (/dev/full), a closed
# stdout (>&-) and a pipe whose reader is gone (with SIGPIPE ignored, as
# under many supervisors) each get "refscope: <stdout>: REASON" and exit
# 2, never a silent 0; the closed pipe must stop the writing at once, not
# run on to the limit on what a command writes.

# closed_pipe ARGS...: runs refscope with stdout on a pipe whose reading
# end is closed and SIGPIPE ignored; $rc, $tmp/err, $last_cmd, and $took,
# the seconds it ran.  CLOSED_PIPE=no runs it with stdout on /dev/null.
closed_pipe() {
	last_cmd="refscope $* (closed pipe, SIGPIPE ignored)"
	$limit_time "$PYTHON3" -c '
import os, signal, subprocess, sys, time
r, w = os.pipe()
os.close(r)
if os.environ.get("CLOSED_PIPE") == "no":
    w = os.open(os.devnull, os.O_WRONLY)
signal.signal(signal.SIGPIPE, signal.SIG_IGN)
start = time.monotonic()
rc = subprocess.call(sys.argv[2:], stdout=w, stdin=subprocess.DEVNULL,
    restore_signals=False)
open(sys.argv[1], "w").write("%.2f" % (time.monotonic() - start))
sys.exit(rc)' "$tmp/took" "$REFSCOPE" "$@" 2>"$tmp/err"
	rc=$?
	took=$(cat "$tmp/took" 2>/dev/null || echo 0)
}

# write_error WHAT REASON: the last run reported a write error on stdout.
write_error() {
	if [ "$rc" -eq 2 ] && grep -qxF "refscope: <stdout>: $2" "$tmp/err"
	then
		pass "$1: '<stdout>: $2', exit 2"
	else
		fail "$1: '<stdout>: $2', exit 2" "$last_cmd: exit $rc" \
		    "stderr: $(head -c 400 "$tmp/err")"
	fi
}

for args in "check good.yaml" "check good.yaml good.yaml" "trace good.yaml" \
    "trace --events good.yaml" "dump good.yaml" "dump --list good.yaml" \
    "export --python good.yaml" "export --python-check good.yaml" \
    "export --dot good.yaml" \
    "export --cast good.yaml" "list" "--help" "--version"; do
	# shellcheck disable=SC2086 # args is words
	$limit_time "$REFSCOPE" $args >/dev/full 2>"$tmp/err" </dev/null
	rc=$?
	last_cmd="refscope $args >/dev/full"
	write_error "$args to a full disk" "No space left on device"
	# shellcheck disable=SC2086
	$limit_time "$REFSCOPE" $args >&- 2>"$tmp/err" </dev/null
	rc=$?
	last_cmd="refscope $args >&-"
	write_error "$args to a closed stdout" "Bad file descriptor"
	# shellcheck disable=SC2086
	closed_pipe $args
	write_error "$args into a closed pipe" "Broken pipe"
done

# A failed expect and a write error: the worse status, both messages.
$limit_time "$REFSCOPE" export --python expect-fails.yaml >/dev/full \
    2>"$tmp/err" </dev/null
rc=$?
last_cmd="refscope export --python expect-fails.yaml >/dev/full"
write_error "a failed expect and a full disk" "No space left on device"
contains "a failed expect and a full disk: the expect is reported too" err \
    "error: expect failed"

# A trace of gigabytes into a closed pipe stops at the first failed write
# and does not blame the limit.  "At once" is measured against `check` of
# the same run in the same environment (valgrind slows both alike): the
# whole output takes 500 times (trace, dump) to 5 000 times (dump --list)
# as long as the check; stopping at once takes a few times as long (the
# run, then the first record; for the cast, the layout plan too).
"$PYTHON3" - "$tmp/grows.yaml" <<'PY'
import sys
open(sys.argv[1], "w").write("refscope: 1\ntitle: t\nsteps:\n"
    "  - do: l = []\n  - do: l.append([i])\n    repeat: 20000\n")
PY
CLOSED_PIPE=no closed_pipe check "$tmp/grows.yaml"
check_took=$took
for args in "trace --events" "dump --list" "dump" "export --cast"; do
	# shellcheck disable=SC2086
	closed_pipe $args "$tmp/grows.yaml"
	write_error "$args of a huge run into a closed pipe" "Broken pipe"
	if "$PYTHON3" -c 'import sys; sys.exit(float(sys.argv[1]) >
	    30 * float(sys.argv[2]) + 1)' "$took" "$check_took" &&
	    ! grep -q "stops at step" "$tmp/err"; then
		pass "$args into a closed pipe stops at once" \
		    "(${took}s; check ${check_took}s)"
	else
		fail "$args into a closed pipe stops at once" \
		    "took ${took}s, check ${check_took}s;" \
		    "stderr: $(head -c 300 "$tmp/err")"
	fi
done

# A closed stdout must not hand its number to the next file opened: the
# output of `new` would land in the file it writes.
rm -f "$tmp/new.yaml"
"$REFSCOPE" new "$tmp/new.yaml" >&- 2>"$tmp/err"
rc=$?
last_cmd="refscope new NEW >&-"
write_error "new with a closed stdout" "Bad file descriptor"
if [ -f "$tmp/new.yaml" ] && ! grep -q "^wrote" "$tmp/new.yaml" &&
    "$REFSCOPE" check "$tmp/new.yaml" >/dev/null 2>&1; then
	pass "new with a closed stdout: the starter is whole, and only it"
else
	fail "new with a closed stdout: the starter is whole, and only it" \
	    "$(head -c 300 "$tmp/new.yaml" 2>&1)"
fi

# new on a file system that fills up, and over a file size limit: a
# message naming the file, exit 2, and no empty or half file left.
rm -f "$tmp/new.yaml"
# (stderr into a pipe: the limit would stop a file taking the message.
# One block, not none: the starter is larger, so its first block is
# written and must be taken back; and valgrind, which the valgrind pass
# runs refscope under, writes small files of its own before it starts.)
{
	(ulimit -f 1; exec "$REFSCOPE" new "$tmp/new.yaml" 2>&1 >"$tmp/out")
	echo "exit $?"
} | cat >"$tmp/err"
rc=$(sed -n 's/^exit //p' "$tmp/err")
if [ "$rc" -eq 2 ] && grep -qF "new.yaml: File too large" "$tmp/err" &&
    [ ! -e "$tmp/new.yaml" ] && [ ! -s "$tmp/out" ]; then
	pass "new over a file size limit: located message, exit 2, no file"
else
	fail "new over a file size limit: located message, exit 2, no file" \
	    "exit $rc; stderr: $(head -c 300 "$tmp/err")" \
	    "$(ls -l "$tmp/new.yaml" 2>&1)"
fi
mkdir "$tmp/tiny"
if command -v unshare >/dev/null 2>&1 &&
    unshare -rm sh -c "mount -t tmpfs -o size=4k tmpfs '$tmp/tiny'" \
    2>/dev/null; then
	unshare -rm sh -c "mount -t tmpfs -o size=4k tmpfs '$tmp/tiny' &&
	    head -c 3072 /dev/zero >'$tmp/tiny/filler' &&
	    '$REFSCOPE' new '$tmp/tiny/new.yaml' >'$tmp/out' 2>'$tmp/err';
	    echo \$? >'$tmp/rc'; ls '$tmp/tiny' >'$tmp/ls'"
	rc=$(cat "$tmp/rc")
	if [ "$rc" -eq 2 ] &&
	    grep -qF "new.yaml: No space left on device" "$tmp/err" &&
	    ! grep -q new.yaml "$tmp/ls" && [ ! -s "$tmp/out" ]; then
		pass "new on a full file system: message, exit 2, no file"
	else
		fail "new on a full file system: message, exit 2, no file" \
		    "exit $rc; stderr: $(head -c 300 "$tmp/err")" \
		    "left: $(cat "$tmp/ls")"
	fi
else
	echo "skip new on a full file system (cannot mount a tmpfs here)"
fi

# ==== 8. one escaping rule for every command ====

# A scenario holding, raw in its text and through YAML and Python escapes,
# the controls and the invisible format characters (U+2028, U+2029, U+200E,
# U+200F, U+061C, U+FEFF, U+202E, U+2066, U+200B, U+0085, ESC): no command
# writes one of them raw (trace and dump --list wrote U+2028/9, U+200E/F,
# U+061C and U+FEFF as they were).  The viewer draws through the canvas,
# as dump does.
"$PYTHON3" - "$tmp/format-chars.yaml" <<'PY'
import sys
chars = "\u2028\u2029\u200e\u200f\u061c\ufeff\u202e\u2066\u200b\u0085\x1b"
raw = "\u200e\u200f\u061c\ufeff\u202e\u2066\u200b"
esc = "".join("\\u%04x" % ord(c) for c in chars)
open(sys.argv[1], "w", encoding="utf-8").write(f"""refscope: 1
title: "T {esc} {raw} end"
summary: "S {esc} {raw}"
steps:
  - say: "say {esc} {raw}"
    do: s = "{esc}" + '{raw}'
  - do: print(s)
  - do: "d = {{s: [s]}}"
  - do: t = '{raw}'
    expect:
      - t is '{raw}x'
""")
PY
cat >"$tmp/scan.py" <<'PY'
import sys
bad = (set(range(0x20)) - {0x0a}) | {0x7f} | set(range(0x80, 0xa0)) | \
    {0x61c, 0x180e, 0xfeff} | set(range(0x200b, 0x2010)) | \
    set(range(0x2028, 0x202f)) | set(range(0x2060, 0x2065)) | \
    set(range(0x2066, 0x2070))
text = open(sys.argv[1], "rb").read().decode("utf-8", "replace")
found = sorted({"U+%04X" % ord(c) for c in text if ord(c) in bad})
print(" ".join(found))
sys.exit(1 if found else 0)
PY
for args in "check" "trace" "trace --events" "dump" "dump --ascii" \
    "dump --list" "export --python" "export --python-check" "export --dot" \
    "export --cast"; do
	# shellcheck disable=SC2086 # args is words
	run $args "$tmp/format-chars.yaml"
	for f in out err; do
		if found=$("$PYTHON3" "$tmp/scan.py" "$tmp/$f"); then
			pass "$args: no control or format character raw on std$f"
		else
			fail "$args: no control or format character raw on std$f" \
			    "found $found"
		fi
	done
done
run check "$tmp/format-chars.yaml"
contains "check: the failed expect quotes the escaped text" err \
    "t is '\\u200e\\u200f\\u061c\\ufeff\\u202e\\u2066\\u200bx'"

finish
