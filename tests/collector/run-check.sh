#!/bin/sh
# Runs `refscope check` on every collector scenario (tests/collector) and
# every shipped scenario (scenarios/): their expect: lines state what the
# collectors must do where CPython cannot be asked (the textbook model) or
# what the course claims.  Any failed expect, or error, fails the test.
srcdir=${abs_top_srcdir:-${srcdir:-.}}
REFSCOPE=${REFSCOPE:-${abs_top_builddir:-.}/refscope}
passed=0
failed=0
for f in "$srcdir"/tests/collector/*.yaml \
    "$srcdir"/scenarios/*.py "$srcdir"/assets/tour.py \
    "$srcdir"/tests/scenarios/yaml-course/*.yaml; do
	[ -e "$f" ] || continue
	if out=$("$REFSCOPE" check "$f" 2>&1); then
		passed=$((passed + 1))
		echo "ok $f"
	else
		failed=$((failed + 1))
		echo "FAIL $f"
		printf '%s\n' "$out" | sed 's/^/  /'
	fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
