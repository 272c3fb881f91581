#!/bin/sh
# run-legible.sh: what a class sees first and whether it can read it
# (issue 15, items 9 and 10), the viewer driven in tmux: step 0 shows the
# title, section and summary; the title bar shows the play speed; the
# timeline marks pause: steps and collections and a click on it seeks
# there; ? lists every key; the theme follows the background the terminal
# reports (COLORFGBG here: tmux does not answer OSC 11 without a client),
# and when none is reported uses no yellow or cyan letters; --light is
# black on the whitest white, nothing faint; --mono says "marked" in
# words; and with --ascii or LANG=C every byte drawn -- viewer, dump,
# export --cast -- is ASCII with a real stand-in, never '?'.
#
#   run-legible.sh
#
# Environment: as tests/e2e/tmux.sh says, and PYTHON3.  Prints one line
# per check and `N passed, M failed` last; exit status 0 when all pass,
# 1 otherwise, 77 (skip) without tmux, 99 without refscope.

suite=legible
. "$(dirname "$0")/tmux.sh"
PYTHON3=${PYTHON3:-/usr/bin/python3}
scenarios=$abs_top_srcdir/scenarios
tour=$abs_top_srcdir/assets/tour.py


# colours: the pane with its SGR sequences.
colours() {
	tm capture-pane -e -p -t t 2>/dev/null
}

# click X Y: an X10 mouse report of a press and a release at 0-based
# cell (X, Y).
click() {
	xy=$("$PYTHON3" -c '
import sys
sys.stdout.write(chr(33 + int(sys.argv[1])) + chr(33 + int(sys.argv[2])))' \
	    "$1" "$2")
	tm send-keys -t t -l "$(printf '\033[M %s\033[M#%s' "$xy" "$xy")"
}

# ==== item 10: step 0, the speed, the timeline, the help ====

start "'$REFSCOPE' '$scenarios/01-names.py'"
check "step 0 shows the summary" "x = [] makes a list and binds"
if wait_for "step 0/5" && screen | sed -n '1!p' |
    grep -q "Names point at objects  ·  1. Names, not variables"; then
	pass "step 0 shows the title and section below the title bar too"
else
	fail "step 0 shows the title and section" "$(screen)"
fi
check "the title bar shows the play speed" "4 events/s"
keys +
check "+ changes the speed shown" "6.67 events/s"
keys - -
check "- changes the speed shown" "2.5 events/s"
keys j
wait_for "step 1/5"
if wait_gone "x = [] makes a list and binds"; then
	pass "the summary gives way to step 1's narration"
else
	fail "the summary stays after step 0" "$(screen)"
fi

start "'$REFSCOPE' '$scenarios/11-mark-and-sweep.py'"
wait_for "step 0/11"
bar=$(screen | tail -n 1)
# steps 8, 9 and 10 are pauses; step 10 runs gc.collect(): two ◆, one G
if [ "$(printf '%s' "$bar" | grep -o '◆' | wc -l)" -eq 2 ] &&
    [ "$(printf '%s' "$bar" | grep -o 'G' | wc -l)" -eq 1 ]; then
	pass "the timeline marks the pause: steps and the collection"
else
	fail "the timeline marks: two pauses and one collection" "$bar"
fi
# the column of a mark, 0-based, as a terminal counts cells
column_of() {
	printf '%s' "$bar" | "$PYTHON3" -c '
import sys
print(sys.stdin.read().index(sys.argv[1]))' "$1"
}
click "$(column_of G)" 29
check "a click on the collection's mark seeks to its step" "step 10/11"
check "... whose statement is the collection" "▶ print(gc.collect())"
click "$(column_of ◆)" 29
check "a click on the first pause's mark seeks to it" "step 8/11"
click 1 29
# (step 1, import gc, makes no event: its end is step 0's moment)
check "a click on the timeline's start seeks to the start" "step 0/11"

# every key handle_key reads, and what the steps do, whole at 100x30 and
# at 80x24 (the help's two columns: nothing cut with "…")
for size in 100x30 80x24; do
	tm resize-window -t t -x "${size%x*}" -y "${size#*x}"
	keys '?'
	wait_for "keys (any key closes)"
	help=$(settled)
	missing=
	for k in "space" "→ l" "← h" "↓ j" "↑ k" "s " "+ -" "Home <" "End >" \
	    " g " "Tab S-Tab" "click a box" "click timeline" "Esc" \
	    "H J K L" "S-←→↑↓" "^L" " t " " r " " ? " "q Q" \
	    "next step over calls" "next step into calls" \
	    "select next / prev" "white page / default"; do
		printf '%s\n' "$help" | grep -F -q -- "$k" ||
		    missing="$missing [$k]"
	done
	if printf '%s\n' "$help" | grep -F '┃' | grep -F -q '…'; then
		missing="$missing [an entry cut short]"
	fi
	if [ -z "$missing" ]; then
		pass "? at $size lists every key the viewer reads"
	else
		fail "? at $size does not list:$missing" "$help"
	fi
	keys Escape
	wait_gone "keys (any key closes)"
done
keys q

# ==== item 9: the theme by the background ====

# the SGR parameters on the row of the module's frame
frame_sgr() {
	colours | grep '<module>' | head -n 1
}
# OSC 11, on a pseudo-terminal that answers it (osc11.py): white, black,
# and a terminal that does not answer; the module's frame is blue, cyan,
# green
for answer in rgb:ffff/ffff/ffff:34 rgb:0/0/0:36 rgb:fefe/fefe/f0f0:34 \
    rgb:20/20/20:36 none:32; do
	sgr=${answer##*:}
	answer=${answer%:*}
	# the viewer waits 200 ms for the answer: on a loaded machine the
	# answering process may be scheduled later, so up to three tries
	ok=no
	for try in 1 2 3; do
		if "$PYTHON3" "$abs_top_srcdir/tests/e2e/osc11.py" "$REFSCOPE" \
		    "$scenarios/01-names.py" "$answer" >"$tmp/osc" &&
		    grep -q "$(printf '\033')\[${sgr}m┌" "$tmp/osc"; then
			ok=yes
			break
		fi
	done
	if [ "$ok" = yes ]; then
		pass "OSC 11 answered $answer: frames in SGR $sgr"
	else
		fail "OSC 11 answered $answer: frames not in SGR $sgr" \
		    "$(grep -o '.\{20\}<module>' "$tmp/osc" | head -n 1 |
		    cat -v)"
	fi
done

start "env COLORFGBG='0;15' '$REFSCOPE' '$scenarios/01-names.py'"
wait_for "step 0/5"
keys j
wait_for "step 1/5"
settled >/dev/null
if frame_sgr | grep -q '\[34m'; then
	pass "a light background (COLORFGBG 0;15): dark blue frames"
else
	fail "a light background: no blue frame" "$(colours)"
fi
if colours | grep -q '\[3[36]m\|\[9[36]m\|\[2m'; then
	fail "a light background: yellow, cyan or faint letters" "$(colours)"
else
	pass "a light background: no yellow, cyan or faint letters"
fi

start "env COLORFGBG='15;0' '$REFSCOPE' '$scenarios/01-names.py'"
wait_for "step 0/5"
settled >/dev/null
if frame_sgr | grep -q '\[36m'; then
	pass "a dark background (COLORFGBG 15;0): cyan frames"
else
	fail "a dark background: no cyan frame" "$(colours)"
fi

start "env -u COLORFGBG '$REFSCOPE' '$scenarios/01-names.py'"
wait_for "step 0/5"
keys j j j
wait_for "step 3/5"
settled >/dev/null
# foreground SGR only (a coloured background carries its own ink)
if colours | grep -q '\[3[36]m\|\[9[36]m'; then
	fail "no background known: yellow or cyan letters" "$(colours)"
else
	pass "no background known: no yellow or cyan letters"
fi
# four meanings, four looks: a count going down ...
if colours | grep -q '\[43m 2→1'; then
	pass "a count going down is on yellow"
else
	fail "a count going down is not on yellow" "$(colours)"
fi

# ... a freed box (08-cascade's end): a red outline, its tag red letters
start "env -u COLORFGBG '$REFSCOPE' '$scenarios/08-cascade.py'"
wait_for "step 0/"
keys End
wait_for "count reached 0"
settled >/dev/null
if colours | grep ' freed ' | grep -q '\[31m'; then
	pass "a freed box is a red outline"
else
	fail "a freed box is not red" "$(colours)"
fi
# ... unreachable (11-mark-and-sweep's sweep, back from its step's end):
# on magenta
start "env -u COLORFGBG '$REFSCOPE' '$scenarios/11-mark-and-sweep.py'" \
    80x24
wait_for "step 0/"
bar=$(screen | tail -n 1)
click "$(column_of G)" 23
wait_for "step 10/11"
n=0
while [ $n -lt 100 ] && ! on_screen "swept: garbag"; do
	keys h
	sleep 0.05
	n=$((n + 1))
done
settled >/dev/null
if colours | grep 'swept: garbag' | grep -q '\[45m'; then
	pass "an unreachable object is on magenta"
else
	fail "an unreachable object is not on magenta" "$(colours)"
fi
# ... and an error (a scenario that no longer loads): on red
cp "$scenarios/01-names.py" "$tmp/edit.py"
start "env -u COLORFGBG '$REFSCOPE' '$tmp/edit.py'"
wait_for "step 0/"
printf 'x = [\n' >"$tmp/edit.py"
wait_for "not reloaded"
if colours | grep -q '\[41m not reloaded'; then
	pass "an error is on red"
else
	fail "an error is not on red" "$(colours)"
fi

start "'$REFSCOPE' --light '$scenarios/11-mark-and-sweep.py'"
wait_for "step 0/11"
keys End
wait_for "step 11/11"
settled >/dev/null
if colours | grep -q '48;5;231m' && colours | grep -q '38;5;16m' &&
    ! colours | grep -q '\[2m\|;2m\|\[90m'; then
	pass "--light: black ink on white, nothing faint or grey"
else
	fail "--light: grey or faint" "$(colours)"
fi

# --mono: marked objects say so (the mark phase of step 8)
start "'$REFSCOPE' --mono '$scenarios/11-mark-and-sweep.py'" 80x24
wait_for "step 0/11"
bar=$(screen | tail -n 1)
click "$(column_of G)" 23
wait_for "step 10/11"
keys k
wait_for "step 9/11"
n=0
while [ $n -lt 150 ] && ! on_screen " marked "; do
	keys l
	sleep 0.05
	n=$((n + 1))
done
if on_screen " marked "; then
	pass "--mono: a marked object says \"marked\""
else
	fail "--mono: no object says \"marked\"" "$(screen)"
fi

# ==== item 9: ASCII only, with real stand-ins ====

# ascii_only FILE: every byte < 0x80
ascii_only() {
	"$PYTHON3" -c '
import sys
sys.exit(any(b >= 0x80 for b in open(sys.argv[1], "rb").read()))' "$1"
}
# questions FILE: how many '?' it holds
questions() {
	tr -cd '?' <"$1" | wc -c
}

bad=
for f in "$scenarios"/*.py "$tour"; do
	name=${f##*/}
	"$REFSCOPE" dump "$f" >"$tmp/u.txt" 2>&1
	"$REFSCOPE" dump --ascii "$f" >"$tmp/a.txt" 2>&1
	LC_ALL=C "$REFSCOPE" dump "$f" >"$tmp/c.txt" 2>&1
	if ! ascii_only "$tmp/a.txt" || ! ascii_only "$tmp/c.txt"; then
		bad="$bad $name:non-ASCII"
	elif [ "$(questions "$tmp/a.txt")" -ne "$(questions "$tmp/u.txt")" ] ||
	    ! cmp -s "$tmp/a.txt" "$tmp/c.txt"; then
		bad="$bad $name:?"
	fi
done
if [ -z "$bad" ]; then
	pass "dump --ascii and LANG=C: ASCII only, no '?' stand-in, every course scenario"
else
	fail "dump --ascii:$bad"
fi

# export --cast: the text the recording prints, decoded from its JSON
cast_text() {
	"$PYTHON3" -c '
import json, sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()[1:]
sys.stdout.write("".join(json.loads(l)[2] for l in lines))' "$1"
}
bad=
for f in "$scenarios"/*.py "$tour"; do
	name=${f##*/}
	"$REFSCOPE" export --cast "$f" >"$tmp/u.cast" 2>/dev/null
	"$REFSCOPE" export --cast --ascii "$f" >"$tmp/a.cast" 2>/dev/null
	cast_text "$tmp/u.cast" >"$tmp/u.txt"
	cast_text "$tmp/a.cast" >"$tmp/a.txt"
	if ! ascii_only "$tmp/a.cast" || ! ascii_only "$tmp/a.txt"; then
		bad="$bad $name:non-ASCII"
	elif [ "$(questions "$tmp/a.txt")" -ne "$(questions "$tmp/u.txt")" ]
	then
		bad="$bad $name:?"
	fi
done
if [ -z "$bad" ]; then
	pass "export --cast --ascii: ASCII only, no '?' stand-in, every course scenario"
else
	fail "export --cast --ascii:$bad"
fi

# the viewer under LANG=C (no UTF-8): each step of every course scenario,
# byte by byte, against the same step in UTF-8
bad=
for f in "$scenarios"/*.py "$tour"; do
	name=${f##*/}
	for lang in C.UTF-8 C; do
		start "env LC_ALL=$lang LANG=$lang '$REFSCOPE' '$f'"
		wait_for "step 0/" || { bad="$bad $name:no-start"; continue; }
		settled >"$tmp/$lang.txt"
		keys End
		settled >>"$tmp/$lang.txt"
	done
	if ! ascii_only "$tmp/C.txt"; then
		bad="$bad $name:non-ASCII"
	elif [ "$(questions "$tmp/C.txt")" -ne \
	    "$(questions "$tmp/C.UTF-8.txt")" ]; then
		bad="$bad $name:?"
	fi
done
if [ -z "$bad" ]; then
	pass "the viewer under LANG=C: ASCII only, no '?' stand-in"
else
	fail "the viewer under LANG=C:$bad" "$(cat "$tmp/C.txt")"
fi

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
