#!/bin/sh
# run-tui.sh: the viewer end to end (DESIGN §6, §8), driven in tmux at a
# fixed size: it opens a scenario, steps forward and back (back then
# forward gives the same screen), plays to a pause: step, shows the help,
# asks for a larger terminal and recovers, reloads an edited file, shows a
# broken one's error over the last good run, and leaves the terminal sane
# after q, SIGTERM and SIGINT (not in the alternate screen, echo on).
#
#   run-tui.sh
#
# Environment: as tests/e2e/tmux.sh says, and PYTHON3.  Prints one line
# per check and `N passed, M failed` last; exit status 0 when all pass,
# 1 otherwise, 77 (skip) without tmux, 99 without refscope.

suite=e2e
. "$(dirname "$0")/tmux.sh"
PYTHON3=${PYTHON3:-/usr/bin/python3}


# ==== 1. a load error never touches the terminal ====

"$REFSCOPE" "$data/bad.yaml" </dev/null >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -eq 2 ] && grep -q 'bad.yaml:4:18: error' "$tmp/err" &&
    [ ! -s "$tmp/out" ]; then
	pass "a broken scenario: status 2 and a located error, no screen"
else
	fail "a broken scenario: status $rc, stderr: $(cat "$tmp/err")"
fi

# ==== 2. open, step forward and back ====

cp "$data/play.yaml" "$tmp/play.yaml"
start "'$REFSCOPE' '$tmp/play.yaml'"
check "opens the scenario and shows its title" "Viewer end-to-end fixture"
check "opens before step 1" "step 0/4"

keys j
wait_for "step 1/4"
one=$(settled)
keys j
wait_for "step 2/4"
two=$(settled)
keys k
wait_for "step 1/4"
one_again=$(settled)
keys j
wait_for "step 2/4"
two_again=$(settled)
if [ "$one" = "$one_again" ] && printf '%s\n' "$one" | grep -q 'step 1/4'
then
	pass "step back: the same screen as before"
else
	fail "step back: the screen differs" "$one
=== after j k:
$one_again"
fi
if [ "$two" = "$two_again" ] && printf '%s\n' "$two" | grep -q 'step 2/4'
then
	pass "back then forward: the same screen as before"
else
	fail "back then forward: the screen differs" "$two
=== after k j:
$two_again"
fi
if printf '%s\n' "$two" | grep -q 'list #'; then
	pass "the graph shows the list"
else
	fail "the graph shows the list" "$two"
fi

# events one by one: forward, back, forward
keys l
sleep 0.2
ev=$(settled)
keys h
keys l
ev_again=$(settled)
if [ "$ev" = "$ev_again" ]; then
	pass "next event, previous, next: the same screen"
else
	fail "next event, previous, next: the screen differs" "$ev
=== after h l:
$ev_again"
fi

# ==== 3. play stops at a pause: step ====

keys Home
wait_for "step 0/4"
keys + + + + +
keys Space
if wait_for "step 2/4"; then
	sleep 1
	s=$(screen)
	if printf '%s\n' "$s" | grep -q 'step 2/4'; then
		pass "playing stops after the pause: step"
	else
		fail "playing stops after the pause: step" "$s"
	fi
else
	fail "playing reaches the pause: step" "$(screen)"
fi
keys Space
check "playing on runs to the end" "step 4/4"
end=$(screen | sed -n 's/.*event \([0-9]*\)\/\([0-9]*\).*/\1 \2/p')
set -- $end
if [ -n "$1" ] && [ "$1" = "$2" ]; then
	pass "the play ends at the last event ($1/$2)"
else
	fail "the play ends at the last event ($end)" "$(screen)"
fi

# ==== 4. help ====

keys '?'
if wait_for "next step into calls" && screen | grep -q 'play / pause' &&
    screen | grep -q 'quit' && screen | grep -q 'reload'; then
	pass "? shows the keys"
else
	fail "? shows the keys" "$(screen)"
fi
keys x
if wait_gone "next step into calls"; then
	pass "any key closes the help"
else
	fail "any key closes the help" "$(screen)"
fi

# ==== 5. resize ====

tm resize-window -t t -x 40 -y 10
check "a tiny terminal asks to be enlarged" \
    "enlarge the terminal to at least 60"
s=$(screen)
if printf '%s\n' "$s" | grep -q 'Viewer end-to-end'; then
	fail "a tiny terminal shows nothing else" "$s"
else
	pass "a tiny terminal shows nothing else"
fi
tm resize-window -t t -x 100 -y 30
if wait_for "<module>" && wait_for "Viewer end-to-end fixture" &&
    wait_gone "enlarge the terminal"; then
	pass "back to 100x30: the graph again"
else
	fail "back to 100x30: the graph again" "$(screen)"
fi

# ==== 6. hot reload ====

keys Home j j
wait_for "step 2/4"
printf '  - do: d = 1\n    say: Appended while the viewer watched.\n' \
    >>"$tmp/play.yaml"
check "an edited file reloads, at the same step" "step 2/5"

cp "$tmp/play.yaml" "$tmp/good.yaml"
printf '  - {do: x = 1\n' >>"$tmp/play.yaml"
check "a broken edit shows the error banner" "not reloaded"
s=$(screen)
if printf '%s\n' "$s" | grep -q 'play.yaml:[0-9]*:[0-9]*:' &&
    printf '%s\n' "$s" | grep -q 'step 2/5' &&
    printf '%s\n' "$s" | grep -q 'list #'; then
	pass "the banner is located and the last good run stays"
else
	fail "the banner is located and the last good run stays" "$s"
fi
cp "$tmp/good.yaml" "$tmp/play.yaml"
printf '  - do: e = 2\n' >>"$tmp/play.yaml"
if wait_for "step 2/6" && wait_gone "not reloaded"; then
	pass "a good edit clears the banner"
else
	fail "a good edit clears the banner" "$(screen)"
fi
keys r
sleep 0.3
check "r reloads and keeps the step" "step 2/6"

# ==== 7. g collects now; a click selects; t changes the theme ====

cp "$data/ring.yaml" "$tmp/ring.yaml"
start "'$REFSCOPE' '$tmp/ring.yaml'"
wait_for "step 0/3"
keys End
wait_for "step 3/3"
keys g
if wait_for "You pressed g" && wait_for "step 4/4" &&
    wait_for "collection done: 1 collected"; then
	pass "g runs a collection after the step, and it frees the ring"
else
	fail "g runs a collection after the step, and it frees the ring" \
	    "$(screen)"
fi
keys r
if wait_for "step 3/3" && wait_gone "You pressed g"; then
	pass "r goes back to the scenario as written"
else
	fail "r goes back to the scenario as written" "$(screen)"
fi

keys Home j
wait_for "step 1/3"
s=$(settled)
# an X10 mouse report of a press on the list's title (1-based cell + 32)
click=$(printf '%s\n' "$s" | "$PYTHON3" -c '
import sys
for row, line in enumerate(sys.stdin.read().splitlines(), 1):
    col = line.find("list #")
    if col >= 0:
        sys.stdout.write("\033[M " + chr(32 + col + 1) + chr(32 + row))
        break')
tm send-keys -t t -l "$click"
check "a click on a box selects it and lists its referrers" \
    "list has 1 reference:  name a (<module>)"

keys t
sleep 0.5
# the white page: the 256-colour cube's white where there is one, not
# the 8-colour white (a light grey)
if tm capture-pane -e -p -t t | grep -q '48;5;231m'; then
	pass "t: the light theme (a white page)"
else
	fail "t: the light theme (a white page)" "$(tm capture-pane -e -p -t t)"
fi
keys t
sleep 0.5
if tm capture-pane -e -p -t t | grep -q '48;5;231m'; then
	fail "t again: back to the dark theme" "$(tm capture-pane -e -p -t t)"
else
	pass "t again: back to the dark theme"
fi

# ==== 8. no argument: the tour; a NAME: a shipped scenario ====

start "'$REFSCOPE'"
check "no argument opens the tour" "A tour of refscope"
keys End
check "the tour ends by pointing at refscope list" "refscope list"
start "'$REFSCOPE' 08-cascade"
check "a NAME opens a shipped scenario" "8. The cascade"

# ==== 9. ASCII mode ====

start "'$REFSCOPE' --ascii '$tmp/good.yaml'"
wait_for "step 0/5"
keys j
wait_for "step 1/5"
s=$(settled)
if printf '%s\n' "$s" | LC_ALL=C grep -q '[^ -~]'; then
	fail "--ascii draws ASCII only" "$s"
else
	pass "--ascii draws ASCII only"
fi

# ==== 10. the terminal after q, SIGTERM and SIGINT ====

# An interactive shell in the pane, so the tty outlives refscope.
start "sh -i"
typed 'echo READY_$((1+2))'
wait_for READY_3
# The shell prints a computed word, so the typed command never matches.
sane='stty -a | grep -Eq "(^| )echo( |\$)" && stty -a | grep -Eq "(^| )icanon( |\$)" && echo SANE_$((40+2))'

typed "'$REFSCOPE' '$tmp/good.yaml'; echo STATUS_\$?_"
if wait_for "Viewer end-to-end fixture" && wait_alt 1; then
	pass "the viewer runs in the alternate screen"
else
	fail "the viewer runs in the alternate screen" "$(screen)"
fi
keys q
if wait_alt 0 && wait_for "STATUS_0_"; then
	pass "q: out of the alternate screen, status 0"
else
	fail "q: out of the alternate screen, status 0" "$(screen)"
fi
typed "clear; $sane"
check "q: echo and icanon are on again" "SANE_42"

typed "clear; sh -c 'echo \$\$ >\"$tmp/pid\"; exec \"$REFSCOPE\" \"$tmp/good.yaml\"'; echo STATUS_\$?_"
wait_for "Viewer end-to-end fixture"
wait_alt 1
kill -TERM "$(cat "$tmp/pid")"
if wait_alt 0 && wait_for "STATUS_143_"; then
	pass "SIGTERM: out of the alternate screen, killed by SIGTERM"
else
	fail "SIGTERM: out of the alternate screen, killed by SIGTERM" \
	    "$(screen)"
fi
typed "clear; $sane"
check "SIGTERM: echo and icanon are on again" "SANE_42"

# (an interactive shell drops the rest of a line whose job got SIGINT;
# a wrapper that survives it reports the status)
typed "clear; sh -c 'trap : INT; \"$REFSCOPE\" \"$tmp/good.yaml\"; echo STATUS_\$?_'"
wait_for "Viewer end-to-end fixture"
wait_alt 1
keys C-c
if wait_alt 0 && wait_for "STATUS_130_"; then
	pass "Ctrl-C: out of the alternate screen, ended by SIGINT"
else
	fail "Ctrl-C: out of the alternate screen, ended by SIGINT" "$(screen)"
fi
typed "clear; $sane"
check "Ctrl-C: echo and icanon are on again" "SANE_42"

typed "clear; sh -c 'echo \$\$ >\"$tmp/pid\"; exec \"$REFSCOPE\" \"$tmp/good.yaml\"' 2>\"$tmp/crash\"; echo STATUS_\$?_"
wait_for "Viewer end-to-end fixture"
wait_alt 1
kill -SEGV "$(cat "$tmp/pid")"
# 139: SIGSEGV by default; 134: a sanitizer's handler got it and aborted
if wait_alt 0 && wait_for "STATUS_1" &&
    screen | grep -Eq 'STATUS_(139|134)_' &&
    grep -q 'terminal restored' "$tmp/crash"; then
	pass "a crash signal: terminal restored, a line on stderr, re-raised"
else
	fail "a crash signal: terminal restored, a line on stderr, re-raised" \
	    "$(screen)"
fi
typed "clear; $sane"
check "a crash signal: echo and icanon are on again" "SANE_42"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
