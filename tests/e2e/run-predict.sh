#!/bin/sh
# run-predict.sh: predict mode in tmux (issue 18) -- the viewer stops
# before a step with a question, takes the answer, plays the step and
# reveals it (right, or wrong with the misconception it reveals), scores
# at the end, and --report appends each answer as a JSON line.
#
# Environment: as tests/e2e/tmux.sh says.  Prints one line per check and
# `N passed, M failed` last; exit status 0 when all pass, 1 otherwise, 77
# (skip) without tmux, 99 without refscope.

suite=predict
. "$(dirname "$0")/tmux.sh"

file=$data/predict.py
report=$tmp/answers.jsonl

# answer KEYS...: sends the keys of an answer, then waits for the step it
# plays to end (the reveal's score line is drawn throughout).
answer() {
	for k in "$@"; do
		keys "$k"
		sleep 0.2
	done
	wait_for "so far" >/dev/null
	settled >/dev/null
}

start "'$REFSCOPE' --predict --report '$report' '$file'"
check "opens in predict mode" "step 0/6"
keys j
check "step 1 asks nothing (a new object only)" "step 1/6"
keys j
check "the question before line 3 plays" "question 1 of 5"
check "it asks the count" "What is the reference count of a after this line?"
check "the line asked about is shown" "Line 3: b = a"
if on_screen "list #4 ━━━ 1 ┓" && not_on_screen "┃ b "; then
	pass "nothing of the step shows before the answer"
else
	fail "the step played before the answer" "$(screen)"
fi

answer 1 Enter
check "a wrong count is revealed" "You said 1; the answer is 2"
check "with the misconception" "A name is not a copy"
check "and the events' reason" "Why: +1 bound to b"
check "the step played to its end" "step 2/6"

keys j
check "the next question" "question 2 of 5"
answer 3 Enter
check "a right count" "Right: 3"
check "the score so far" "Score 1/2 so far"

keys j
check "a question of frees" "Which objects are freed by this line"
answer Enter
check "nothing is freed: right" "Right: nothing is freed"

keys j
check "del pair asks again" "Line 6: del pair"
answer Enter
check "the cascade revealed in order" \
    "the answer is list #6, then list #5, then list #4"
check "a missed cascade's misconception" "Freeing cascades"

keys j
check "the printed question" "What does this line print?"
answer 3 Enter
check "typed output is right" "Right: 3"

keys End
check "the score at the end" "Score 3/5"
check "the missed questions" "Missed: question 1 (line 3), 4 (line 6)"

keys Home
settled >/dev/null
keys j j
sleep 0.5
if on_screen "question 1 of 5"; then
	fail "an answered question was asked again" "$(screen)"
else
	pass "going back does not ask again"
fi
keys q
wait_until test ! -e /nonexistent >/dev/null
sleep 0.5

if [ "$(wc -l <"$report" 2>/dev/null)" -eq 5 ] &&
    [ "$(sed -n 's/.*"right":\([a-z]*\)}$/\1/p' "$report" | tr '\n' ' ')" = \
    "false true true false true " ] &&
    grep -q '"answer":"1","expected":"2"' "$report"; then
	pass "the report has one line per answer"
else
	fail "the report: $(cat "$report" 2>/dev/null)"
fi

# p turns predict mode on in a running viewer; --ascii draws the panel
# in ASCII only.
start "'$REFSCOPE' --ascii '$file'"
check "opens" "step 0/6"
keys p j j
check "p turns predict mode on" "Predict -- question 1 of 5"
if screen | LC_ALL=C grep -q '[^ -~]'; then
	fail "--ascii: the screen has a non-ASCII character" "$(screen)"
else
	pass "--ascii: the panel is ASCII"
fi
keys Escape
check "Esc skips, and the answer is shown" "Skipped. The answer: 2"
keys p
settled >/dev/null
if on_screen "Skipped" || on_screen "Predict --"; then
	fail "p did not turn predict mode off" "$(screen)"
else
	pass "p turns predict mode off"
fi

# At 80x24 the panel wraps what it says rather than cutting it.
start "'$REFSCOPE' --predict '$file'" 80x24
check "opens at 80x24" "step 0/6"
keys j j
check "asks at 80x24" "question 1 of 5"
answer 1 Enter
check "the misconception is whole at 80x24" "that same object."

# A report that cannot be written is no silent loss: the viewer says so
# when it ends, with status 2.
start "'$REFSCOPE' --report /dev/full '$file' 2>'$tmp/err'; echo \$? >'$tmp/status'; sleep 5"
check "opens with a report to /dev/full" "step 0/6"
keys j j
check "asks" "question 1 of 5"
answer 2 Enter
keys q
wait_until test -s "$tmp/status"
if [ "$(cat "$tmp/status" 2>/dev/null)" = 2 ] &&
    grep -q "could not write the report /dev/full: No space left on device" \
    "$tmp/err"; then
	pass "a report write error: status 2 and a message"
else
	fail "a report write error: status $(cat "$tmp/status" 2>/dev/null), $(cat "$tmp/err" 2>/dev/null)"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
