#!/bin/sh
# run-versions.sh: the viewer's two versions in tmux (issue 19) -- --python
# A,B opens on A, v switches to B at the same step with the title bar
# naming the version shown, the step panel lists the differences of the
# step with their rules, ? lists the key, and v without --python pairs the
# version shown with 3.14.
#
# Environment: as tests/e2e/tmux.sh says.  Prints one line per check and
# `N passed, M failed` last; exit status 0 when all pass, 1 otherwise, 77
# (skip) without tmux, 99 without refscope.

suite=versions
. "$(dirname "$0")/tmux.sh"

cp "$abs_top_srcdir/tests/pyfiles/versions-borrowed.py" "$tmp/borrowed.py"
file=$tmp/borrowed.py

# title_has TEXT: the title bar (the first row) holds TEXT.
title_has() {
	screen | head -n 1 | grep -F -q -- "$1"
}

start "'$REFSCOPE' --python 3.13,3.14 '$file'"
check "opens on the first version" "python 3.13, v: 3.14."
if wait_until title_has "python 3.13"; then
	pass "the title bar names 3.13"
else
	fail "the title bar names 3.13" "$(screen)"
fi
check "the set-up's difference: the thresholds" \
    "gc.get_threshold(): (2000, 10, 10) on 3.13, (2000, 10, 0) on 3.14 (collector thresholds)"
keys j j j
check "step 4 is the call" "step 4/5"
check "its difference, with the rule" \
    'output: "3\n" on 3.13, "2\n" on 3.14 (borrowed references (LOAD_FAST_BORROW))'
settled >/dev/null
keys v
if wait_until title_has "python 3.14"; then
	pass "v: the title bar names 3.14"
else
	fail "v: the title bar names 3.14" "$(screen)"
fi
check "v: the same step" "step 4/5"
check "v: the panel names the other version" "python 3.14, v: 3.13."
check "v: the same difference listed" \
    'output: "3\n" on 3.13, "2\n" on 3.14'
if screen | sed -n '2,4p' | grep -q '│ 2 *$'; then
	pass "v: 3.14's output, 2"
else
	fail "v: 3.14's output, 2" "$(screen)"
fi
keys j
check "a step with no difference says so" "No difference arises at this step."
keys v
if wait_until title_has "python 3.13"; then
	pass "v again: back to 3.13"
else
	fail "v again: back to 3.13" "$(screen)"
fi
check "v again: the same step" "step 5/5"
keys '?'
check "? lists v" "other python version"
keys Escape
wait_gone "other python version" >/dev/null
# the file saved: the reload keeps the version shown
keys v
wait_until title_has "python 3.14" >/dev/null
sed 's/^"""Borrowed references: what/"""Reloaded: what/' \
    "$abs_top_srcdir/tests/pyfiles/versions-borrowed.py" >"$tmp/new.py"
mv "$tmp/new.py" "$file"
check "a reload" "Reloaded: what"
if title_has "python 3.14" && on_screen "python 3.14, v: 3.13."; then
	pass "a reload keeps the version shown"
else
	fail "a reload keeps the version shown" "$(screen)"
fi
keys q

# without --python: v pairs the version shown with 3.14
start "'$REFSCOPE' '$file'"
check "opens without the panel" "step 0/5"
if not_on_screen "v: 3.14"; then
	pass "no versions panel before v"
else
	fail "no versions panel before v" "$(screen)"
fi
keys v
check "v: 3.14, paired with 3.11" "python 3.14, v: 3.11."
keys q

# a pair the viewer cannot take
"$REFSCOPE" --python 3.13,3.13 "$file" >"$tmp/out" 2>&1
if [ $? -eq 2 ] && grep -q "expected two different versions" "$tmp/out"; then
	pass "--python 3.13,3.13 is refused"
else
	fail "--python 3.13,3.13 is refused"
	cat "$tmp/out"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
