#!/bin/sh
# refscope export --cast: for every shipped scenario, a recording that
# asciinema itself plays, with a v2 header of the asked size, times that
# never go back, nothing written off the screen, and at the end the
# viewer's last frame (step n/n, event e/e).  Scenario text with control
# characters reaches the recording only in visible form.
REFSCOPE=${REFSCOPE:-${abs_top_builddir:-.}/refscope}
PYTHON3=${PYTHON3:-/usr/bin/python3}
srcdir=${abs_top_srcdir:-${srcdir:-.}}
play="$PYTHON3 $srcdir/tests/cast/castplay.py"
"$PYTHON3" -c 'import json' 2>/dev/null || { echo "no python3: skipped"; exit 77; }
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/../lib.sh"
have_asciinema=0
command -v asciinema >/dev/null 2>&1 && command -v script >/dev/null 2>&1 &&
    have_asciinema=1

for f in "$srcdir"/scenarios/*.py \
    "$srcdir"/assets/tour.py; do
	"$REFSCOPE" export --cast "$f" >"$tmp/a.cast" 2>"$tmp/err"
	check $? "export --cast $f: $(head -c 200 "$tmp/err")"
	$play "$tmp/a.cast" >/dev/null 2>"$tmp/err"
	check $? "a well-formed recording of $f: $(cat "$tmp/err")"
	head -n 1 "$tmp/a.cast" | grep -q '"width": 100, "height": 30'
	check $? "the header of $f says 100x30"
	steps=$("$REFSCOPE" trace "$f" | grep -c '"depth":0')
	events=$("$REFSCOPE" trace --events "$f" | grep -c '"event":')
	$play "$tmp/a.cast" --screen >"$tmp/end" 2>&1
	grep -q "step $steps/$steps  .  event $events/$events" "$tmp/end"
	check $? "$f ends at step $steps/$steps, event $events/$events: $(head -n 1 "$tmp/end")"
	if [ $have_asciinema = 1 ]; then
		script -qec "asciinema cat '$tmp/a.cast'" /dev/null \
		    >"$tmp/out" 2>&1
		check $? "asciinema cat plays $f: $(tail -c 200 "$tmp/out")"
	fi
done

# another size, ASCII only
f=$srcdir/scenarios/08-cascade.py
"$REFSCOPE" export --cast --width 80 --height 24 --ascii "$f" >"$tmp/b.cast"
check $? "export --cast --width 80 --height 24 --ascii"
head -n 1 "$tmp/b.cast" | grep -q '"width": 80, "height": 24'
check $? "the header says 80x24"
$play "$tmp/b.cast" >/dev/null 2>"$tmp/err"
check $? "an 80x24 recording stays on its screen: $(cat "$tmp/err")"
$play "$tmp/b.cast" --screen | LC_ALL=C grep -q '[^ -~]'
[ $? -eq 1 ]
check $? "--ascii draws ASCII only"

# the steady clock: every event after the set-up (step 0, which the
# recording starts after) is animated, so a recording of n events lasts at
# least n times the time of one
events=$("$REFSCOPE" trace --events "$f" | grep '"event":' |
    grep -vc '"step":0[,}]')
last=$(tail -n 1 "$tmp/b.cast" | sed 's/^\[\([0-9.]*\),.*/\1/')
"$PYTHON3" -c "import sys; sys.exit(not $last >= $events * 0.5)"
check $? "$events events take at least $events x 0.5 s ($last s)"

# scenario text is never sent raw: the player model rejects any escape
# sequence refscope does not write itself, and raw control characters
"$REFSCOPE" export --cast "$srcdir/tests/cli/data/control-chars.yaml" \
    >"$tmp/c.cast"
check $? "export --cast of a scenario with control characters"
$play "$tmp/c.cast" >/dev/null 2>"$tmp/err"
check $? "no raw escape from the scenario in the recording: $(cat "$tmp/err")"
grep -q -F 'narration with an \\x1b[2J escape' "$tmp/c.cast"
check $? "the narration's escape is shown visibly"

# bad usage
"$REFSCOPE" export --cast >/dev/null 2>&1
[ $? -eq 2 ]
check $? "export --cast without a file: status 2"
"$REFSCOPE" export --cast --width 10 "$f" >/dev/null 2>&1
[ $? -eq 2 ]
check $? "a width under the minimum: status 2"
"$REFSCOPE" export --cast "$tmp/missing.yaml" >/dev/null 2>"$tmp/err"
[ $? -eq 2 ] && grep -q 'missing.yaml' "$tmp/err"
check $? "a missing file: status 2 and its name"

finish
