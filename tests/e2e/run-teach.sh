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

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
