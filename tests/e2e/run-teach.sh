#!/bin/sh
# run-teach.sh: what a class reads off the viewer, in tmux: the printed
# output up to the moment (seeking back takes lines away), a collection
# shown as it is computed (no verdict or gc_refs before its event, the
# phase named in plain words, the generation strip), and the teacher's
# labels on the boxes.
#
#   run-teach.sh
#
# Environment: as tests/e2e/tmux.sh says.  Prints one line per check and
# `N passed, M failed` last; exit status 0 when all pass, 1 otherwise, 77
# (skip) without tmux, 99 without refscope.

suite=teach
. "$(dirname "$0")/tmux.sh"

# expect_screen WHAT PATTERN...: passes when the screen, once settled,
# matches every extended regular expression PATTERN ("!PATTERN": does not).
expect_screen() {
	what=$1
	shift
	sleep 0.3
	cur=$(screen)
	for pat in "$@"; do
		case $pat in
		!*)	if printf '%s\n' "$cur" | grep -E -q -- "${pat#!}"; then
				fail "$what (has /${pat#!}/)" "$cur"
				return
			fi ;;
		*)	if ! printf '%s\n' "$cur" | grep -E -q -- "$pat"; then
				fail "$what (no /$pat/)" "$cur"
				return
			fi ;;
		esac
	done
	pass "$what"
}

# output_area: the output area's lines (right of the code panel's rule,
# rows 2 to 4 of the screen), one per line, blank ones left out.
output_area() {
	screen | sed -n '2,4s/.*│ *//p' | sed '/^$/d'
}

# expect_output WHAT LINES: passes when the output area reads LINES
# (lines joined by commas).
expect_output() {
	sleep 0.3
	got=$(output_area | tr '\n' , | sed 's/,$//')
	if [ "$got" = "$2" ]; then
		pass "$1"
	else
		fail "$1: the output area reads \"$got\", not \"$2\"" "$(screen)"
	fi
}

# ==== 1. printed output, up to the moment, newest last ====

start "'$REFSCOPE' '$data/print.yaml'"
check "opens the print fixture" "step 0/5"
expect_output "before any print: the output area is empty" "(nothing yet)"
check "the output area is labelled" "printed"
keys j j
wait_for "step 2/5"
expect_output "after one print: its line" "first line"
keys j j j
wait_for "step 5/5"
expect_output "after four prints: the last three lines, newest last" \
    "second line,third line,fourth line"
keys k k k
wait_for "step 2/5"
expect_output "seeking back takes printed lines away" "first line"
keys Home
wait_for "step 0/5"
expect_output "back at the start: nothing printed" "(nothing yet)"

# event_now: the event number in the title bar ("event 66/111" -> 66).
event_now() {
	screen | sed -n '1s/.*event \([0-9]*\)\/.*/\1/p'
}

# next_event: one event forward (→), waiting until the title says so.
next_event() {
	n=$(event_now)
	keys Right
	wait_for "event $((n + 1))/"
}

# events_until TEXT: one event at a time until TEXT is on the screen
# (at most 150 events); false when it never comes.
events_until() {
	k=0
	while [ $k -lt 150 ]; do
		on_screen "$1" && return 0
		next_event || return 1
		k=$((k + 1))
	done
	on_screen "$1"
}

# count PATTERN: how many times PATTERN (an ERE) is on the screen now.
count() {
	screen | grep -E -o -- "$1" | wc -l | tr -d ' '
}

# phase WHAT WORDS FUNCTION: steps to the phase named WORDS (plain words,
# on the rule over the graph) and checks CPython's FUNCTION beside them.
phase() {
	if events_until "collector: $2"; then
		# (CPython's name comes second: on a narrow screen, cut)
		if [ -z "$3" ] || on_screen "$3" ||
		    on_screen "$(printf '%.12s' "$3")…"; then
			pass "$1: \"$2\"${3:+ with $3}"
		else
			fail "$1: \"$2\" without $3" "$(screen)"
		fi
	else
		fail "$1: never \"$2\"" "$(screen)"
	fi
}

# ==== 2. a CPython collection, as it is computed (course 10) ====

# on the smallest screen a class has: the view pans by itself to what
# each event touches
start "'$REFSCOPE' 10-ring-survives" 80x24
check "opens course 10" "step 0/12"
# (import gc makes no event: the first j goes from step 0 to step 2)
keys j j j j j j j j j j
wait_for "step 11/12"
expect_screen "before gc.collect(): no verdict, no gc_refs, no phase" \
    "!garbage" "!unreachable" "!gc_refs" "!collector:" \
    "gen 0: [1-9][0-9]*/700 +gen 1: 0/10 +gen 2: 0/10"
phase "course 10" "start" "gc_collect_main"
expect_screen "at the start: still no gc_refs, no verdict" "!gc_refs" \
    "!unreachable"
phase "course 10" "copy each count" "update_refs"
expect_screen "the generation strip: the counts were reset" \
    "gen 0: 0/700 +gen 1: 0/10 +gen 2: 0/10"
if [ "$(count 'gc_refs [0-9]+')" -eq 0 ]; then
	pass "no gc_refs before the first is copied"
else
	fail "gc_refs shown before any was copied" "$(screen)"
fi
next_event
if [ "$(count 'gc_refs [0-9]+')" -eq 1 ] &&
    [ "$(count '▶ [^#]*#[0-9]')" -eq 1 ]; then
	pass "one count copied: one gc_refs, on the object visited"
else
	fail "one count copied: not one gc_refs on a visited object" \
	    "$(screen)"
fi
phase "course 10" "subtract references from inside" "subtract_refs"
next_event
expect_screen "subtracting: the object visited is marked out" \
    "▶ [^#]*#[0-9]" "gc_refs = [0-9]+: #[0-9]+ inside the generation"
phase "course 10" "find what is unreachable" "move_unreachable"
expect_screen "still no verdict when the search starts" "!unreachable ┘"
events_until "unreachable for now"
expect_screen "a tentative verdict comes with its event" "gc_refs 0"
phase "course 10" "set the unreachable apart" "finalize_garbage"
phase "course 10" "free it" "delete_garbage"
events_until "freed by the collector"
expect_screen "the collector frees the ring" "freed"
keys j
wait_for "step 12/12"
keys End
wait_for "event 116/116"
expect_screen "after the collection: no phase line, the count printed" \
    "!collector:" "│ 3 *$"

# ==== 3. mark and sweep, as computed (course 11) ====

start "'$REFSCOPE' 11-mark-and-sweep" 80x24
check "opens course 11" "step 0/11"
keys j j j j j j j j
wait_for "step 9/11"
expect_screen "before gc.collect(): nothing painted garbage or marked" \
    "!garbage" "!marked [┘┛]" "!collector:"
phase "course 11" "mark: follow references from the roots" ""
expect_screen "the mark phase starts with nothing marked" "!marked [┘┛]"
next_event
expect_screen "each mark comes with its event" " marked [┘┛]"
events_until "▶ node"
expect_screen "the object whose references are followed is marked out" \
    "▶ node [0-9]( · Node)? #[0-9]+" "reachable via"
phase "course 11" "sweep: free what is not marked" ""
events_until "swept"
expect_screen "the sweep says what it passed over" "swept: (kept|garbage)"

# ==== 4. labels: the boxes say the narration's names ====

# (four nodes made at once, and eight after: a large screen shows them
# together)
start "'$REFSCOPE' 11-mark-and-sweep" 120x50
check "opens course 11 again" "step 0/11"
keys j j
wait_for "step 3/11"
expect_screen "before the nodes are made: no label" "!node 1"
keys j
wait_for "step 4/11"
expect_screen "the nodes made: labelled as the narration says" \
    "node 1( · Node)? #4" "node 2( · Node)? #5"
keys j j j j j
wait_for "step 9/11"
expect_screen "the names deleted: the labels stay" "!n1 +●" \
    "node [1-8]( · Node)? #[0-9]+"
keys k k k k k k
wait_for "step 3/11"
expect_screen "back before the labelling step: the labels go" "!node 1"

# ==== 5. the screen used, the action never lost (issue 15, item 4) ====

# course 8's cascade at 80x24, event by event: each count that moves is on
# screen, as the view pans by itself to it; the frames stay pinned
start "'$REFSCOPE' 08-cascade" 80x24
check "opens course 8" "step 0/8"
keys j j j j
wait_for "step 4/8"
moved=0
lost=0
panned=0
unpinned=0
k=0
# step 5, del team, ends where the trace's step 6 (the class body is
# step 2 there) does
total=$("$REFSCOPE" trace --events 08-cascade | grep -c '"event":')
end5=$("$REFSCOPE" trace --events 08-cascade | grep '"event":' |
    grep -c '"step":[0-6][,}]')
while [ $k -lt 40 ] && ! on_screen "event $end5/$total"; do
	next_event || break
	cur=$(settled)
	if printf '%s\n' "$cur" | grep -q -E \
	    '^ → .*its count goes down'; then
		moved=$((moved + 1))
		printf '%s\n' "$cur" | grep -q -E '[0-9]→[0-9]+ [┐┓]' ||
		    lost=$((lost + 1))
	fi
	if printf '%s\n' "$cur" | grep -q '◂ [0-9]* more'; then
		panned=$((panned + 1))
		printf '%s\n' "$cur" | grep -q '<module>' ||
		    unpinned=$((unpinned + 1))
	fi
	k=$((k + 1))
done
if [ $moved -ge 6 ] && [ $lost -eq 0 ]; then
	pass "the cascade at 80x24: each of $moved counts moving is on screen"
else
	fail "the cascade at 80x24: $lost of $moved moving counts off screen" \
	    "$(screen)"
fi
if [ $panned -gt 0 ] && [ $unpinned -eq 0 ]; then
	pass "panned by itself ($panned events, marked ◂), the frames pinned"
else
	fail "no pan by itself, or the frames panned away ($panned, $unpinned)" \
	    "$(screen)"
fi
# the reader pans: the names stay, what is left behind is counted
before=$(settled)
keys L L L L L J J
sleep 1
expect_screen "panned by hand: the frames and names stay" "<module>" \
    "keep +●" "◂ [0-9]+ more"
# a move gives the panning back to the picture: there and back again,
# the screen is the one before the reader panned
keys Right
wait_for "step 6/8"
keys Left
wait_for "step 5/8"
if [ "$(settled)" = "$before" ]; then
	pass "a move: the view pans by itself again, as before"
else
	fail "a move: the reader's panning stuck" "$(screen)"
fi

# course 14's tree at 80x24: more than fits, marked at the edges; a box is
# whole or not there (the layout tests check every box of every moment)
start "'$REFSCOPE' 14-cycles-and-trees" 80x24
check "opens course 14" "step 0/10"
keys j j j j j j
wait_for "step 7/10"
expect_screen "overflow is marked at the edges" "[0-9]+ more"
expect_screen "the new tree is in view" "tree\[1\]( · list)? #[0-9]+"

# the same at 200x60: the whole graph, spread over the screen, no marks
start "'$REFSCOPE' 14-cycles-and-trees" 200x60
check "opens course 14 at 200x60" "step 0/10"
keys j j j j j j
wait_for "step 7/10"
expect_screen "200x60: nothing beyond the edges" "!more [▸]" "![▾▴◂] [0-9]+ more"

start "'$REFSCOPE'"
check "opens the tour" "A tour of refscope"
keys j j j
wait_for "step 3/"
expect_screen "the tour labels its list" "the list( · list)? #"

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
