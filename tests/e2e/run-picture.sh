#!/bin/sh
# run-picture.sh: the picture a class can follow (issue 15), read off the
# viewer in tmux: a step end shows the step's net effect, not its last
# micro-event (2); the same moment looks the same whatever the route to it
# (3); the frames stay pinned while the graph pans, and a large terminal
# is used (4).
#
#   run-picture.sh
#
# Environment: as tests/e2e/tmux.sh says.  Prints one line per check and
# `N passed, M failed` last; exit status 0 when all pass, 1 otherwise, 77
# (skip) without tmux, 99 without refscope.

suite=picture
. "$(dirname "$0")/tmux.sh"

# step_is K: the title bar says step K.
step_is() {
	screen | head -n 1 | grep -q "step $1/"
}

# step_now: the step the title bar says.
step_now() {
	screen | head -n 1 | sed -n 's|.*step \([0-9]*\)/.*|\1|p'
}

# step_changed FROM: the title bar's step is no longer FROM.
step_changed() {
	[ "$(step_now)" != "$1" ]
}

# down_to K: ↓ (Down) until the title bar says step K (a line that makes
# no event, `import gc`, is no moment of its own: ↓ passes it).
down_to() {
	while :; do
		was=$(step_now)
		[ "${was:-0}" -lt "$1" ] || break
		keys Down
		wait_until step_changed "$was" || return 1
	done
	step_is "$1"
}

# go_step K: from step 0, ↓ to step K.
go_step() {
	down_to "$1"
}

# ==== 2. steps settle ====
start "$REFSCOPE 01-names" 100x30
wait_for "Names point at objects"
go_step 1
# x = []: a new list, its count plain
s=$(settled)
if printf '%s\n' "$s" | grep -q "→ list #1 new, count 1" &&
    ! printf '%s\n' "$s" | grep -q "list #1 ━* *[0-9]→"; then
	pass "step 1 of 01 shows its net effect: a new list, count 1"
else
	fail "step 1 of 01 shows its net effect: a new list, count 1" "$s"
fi
down_to 2
s=$(settled)
if printf '%s\n' "$s" | grep -q "→ list #1 1→2"; then
	pass "step 2 of 01 (y = x) shows 1→2"
else
	fail "step 2 of 01 (y = x) shows 1→2" "$s"
fi
# one event back: a micro-event, with its own reason
keys Left
sleep 0.3
s=$(settled)
if ! printf '%s\n' "$s" | grep -q "→ list #1 1→2"; then
	pass "one event back, the step's net effect is gone"
else
	fail "one event back, the step's net effect is gone" "$s"
fi

# ==== 3. the same moment always looks the same ====
# 14-cycles-and-trees three steps before its end, reached four ways, at
# two sizes
for size in 80x24 120x40; do
	start "$REFSCOPE 14-cycles-and-trees" $size
	wait_for "Cycles and the collector together"
	last=$(screen | head -n 1 | sed -n 's|.*step 0/\([0-9]*\).*|\1|p')
	k=$((${last:-8} - 3))
	go_step $k
	a=$(settled)
	# from the end, back
	keys End
	wait_until step_is "$last"
	n=$last
	while [ $n -gt $k ]; do
		n=$((n - 1))
		keys Up
		wait_until step_is $n
	done
	b=$(settled)
	# a resize and back
	tm resize-window -t t -x 60 -y 20
	sleep 0.4
	tm resize-window -t t -x "${size%x*}" -y "${size#*x}"
	c=$(settled)
	# from the start again, and a step back and forth
	keys Home
	wait_until step_is 0
	go_step $k
	keys Up
	wait_until step_is $((k - 1))
	down_to $k
	d=$(settled)
	if [ "$a" = "$b" ] && [ "$a" = "$c" ] && [ "$a" = "$d" ]; then
		pass "$size: step $k of 14 looks the same by ↓, from the end, after a resize, after a step back"
	else
		fail "$size: step $k of 14 looks the same by every route" \
		    "$(printf 'by ↓:\n%s\nfrom the end:\n%s\nafter a resize:\n%s\nafter a step back:\n%s' \
		    "$a" "$b" "$c" "$d")"
	fi
done

# ==== 4. frames pinned, the screen used ====
# the module frame's box keeps its place at every step, while the graph
# pans to what each step touches
start "$REFSCOPE 14-cycles-and-trees" 80x24
wait_for "Cycles and the collector together"
place=
moved=0
k=0
last=$(screen | head -n 1 | sed -n 's|.*step 0/\([0-9]*\).*|\1|p')
while [ $k -lt "${last:-8}" ]; do
	k=$((k + 1))
	down_to $k
	s=$(settled)
	# row:column of the frame's name, its box's first line
	at=$(printf '%s\n' "$s" | grep -n "<module>" | head -n 1 |
	    sed 's/<module>.*//' | awk -F: '{ print $1 ":" length($2) }')
	[ -n "$place" ] || place=$at
	[ "$at" = "$place" ] || moved=1
done
if [ -n "$place" ] && [ $moved -eq 0 ]; then
	pass "80x24: the module frame stays at $place through every step of 14"
else
	fail "80x24: the module frame stays in its place" "$s"
fi

# a large terminal is used: at 200x60, boxes right of column 100 at one
# step at least (the widest of its steps)
start "$REFSCOPE 14-cycles-and-trees" 200x60
wait_for "Cycles and the collector together"
last=$(screen | head -n 1 | sed -n 's|.*step 0/\([0-9]*\).*|\1|p')
widest=0
k=0
while [ $k -lt "${last:-8}" ]; do
	k=$((k + 1))
	down_to $k
	s=$(settled)
	# the graph's rows (below the code panel, above the generation
	# strip), their trailing blanks cut; wc -L counts columns in the
	# UTF-8 locale
	wide=$(printf '%s\n' "$s" | sed -n '6,50p' | sed 's/ *$//' | wc -L)
	[ "$wide" -le "$widest" ] || widest=$wide
done
if [ "$widest" -gt 100 ]; then
	pass "200x60: the graph spreads to column $widest"
else
	fail "200x60: the graph spreads past column 100 (to $widest)" "$s"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
