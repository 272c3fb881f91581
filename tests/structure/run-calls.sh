#!/bin/sh
# No two files of src/sim call each other in a loop (tests/structure/calls.py);
# then that the check can fail: the same on a copy of src/sim with a loop put in.
srcdir=${abs_top_srcdir:-${srcdir:-.}}
PYTHON3=${PYTHON3:-python3}
status=0
"$PYTHON3" "$srcdir/tests/structure/calls.py" "$srcdir/src/sim" || status=1

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
cp "$srcdir"/src/sim/*.c "$tmp"/
# machine.c is the bottom: make it call the collector, which calls it
printf '\nvoid\nmachine_loop_probe(void)\n{\n\tgc_collect(0, 0);\n}\n' \
    >> "$tmp/machine.c"
if "$PYTHON3" "$srcdir/tests/structure/calls.py" "$tmp" >"$tmp/out"; then
	echo "FAIL calls.py found no loop in a copy of src/sim with one put in"
	status=1
elif grep -q "a call loop: .*machine -> gc" "$tmp/out" ||
    grep -q "a call loop: .*gc -> .*machine" "$tmp/out"; then
	echo "ok   calls.py finds a loop put in"
else
	echo "FAIL calls.py did not name the loop put in:"
	sed 's/^/     /' "$tmp/out"
	status=1
fi
exit $status
