#!/bin/sh
# Golden pictures, each read by a person before it was committed:
# - `refscope dump --width 100` of a few shipped scenarios, compared with
#   tests/golden/NAME.txt;
# - the viewer's screen at each pause of the tour and of course 01, 08,
#   10, 11, 12, 14 and 18, at 80x24, 120x40 and 200x60 (what a class sees on
#   a laptop, a projector, a large monitor), compared with
#   tests/golden/screens/NAME-WxH.txt.  The viewer runs in tmux and steps
#   to each pause with j; tests/golden/pauses.py finds the pauses.  Without
#   tmux only the dumps are compared.  The tmux side is tests/e2e/tmux.sh's:
#   its start, screen, keys, wait_for and settled.
# After a deliberate change to the picture, regenerate with
#   UPDATE=1 tests/golden/run-golden.sh
# and read the diff (git diff tests/golden) before committing it.
REFSCOPE=${REFSCOPE:-${abs_top_builddir:-.}/refscope}
srcdir=${abs_top_srcdir:-${srcdir:-.}}

# compare_dumps: each dump against its golden (after tmux.sh, which
# counts in passed and failed, or without it)
compare_dumps() {
	for golden in "$srcdir"/tests/golden/*.txt; do
		name=$(basename "$golden" .txt)
		# the lesson as shipped: its .py form, or its YAML form
		file=$srcdir/scenarios/$name.py
		[ -f "$file" ] || file=$srcdir/scenarios/$name.yaml
		"$REFSCOPE" dump --width 100 "$file" >"$tmp/$name.txt" \
		    2>"$tmp/err"
		if [ -n "$UPDATE" ]; then
			cp "$tmp/$name.txt" "$golden"
			echo "updated $golden"
		elif cmp -s "$golden" "$tmp/$name.txt"; then
			pass "$name"
		else
			fail "$name: the picture differs from $golden:"
			diff -u "$golden" "$tmp/$name.txt" | head -n 60
		fi
	done
}

if ! command -v tmux >/dev/null 2>&1; then
	tmp=$(mktemp -d) || exit 99
	trap 'rm -rf "$tmp"' EXIT
	passed=0
	failed=0
	pass() {
		passed=$((passed + 1))
		echo "ok: $1"
	}
	fail() {
		failed=$((failed + 1))
		echo "FAIL: $1"
	}
	compare_dumps
	echo "tmux is not installed: the screens are not compared"
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit
fi

# starting the viewer, reading and settling its screen: the tmux tests'
# own helpers
suite=golden
. "$srcdir/tests/e2e/tmux.sh"
unset COLORFGBG
compare_dumps

# ---- the viewer's screens at the pauses ----

# compare NAME FILE: FILE against its golden screens/NAME
compare() {
	golden=$srcdir/tests/golden/screens/$1
	if [ -n "$UPDATE" ]; then
		cp "$2" "$golden"
		echo "updated $golden"
	elif cmp -s "$golden" "$2"; then
		pass "screens/$1"
	else
		fail "screens/$1: the screens differ from $golden:"
		diff -u "$golden" "$2" | head -n 80
	fi
}

for name in tour 01-names 08-cascade 10-ring-survives 11-mark-and-sweep \
    12-generations 14-cycles-and-trees 18-exception-keeps-frame; do
	if [ "$name" = tour ]; then
		file=$srcdir/assets/tour.py
		command="'$REFSCOPE'"	# no argument: the tour
	else
		file=$srcdir/scenarios/$name.py
		command="'$REFSCOPE' '$file'"
	fi
	"$REFSCOPE" trace "$file" >"$tmp/trace" 2>"$tmp/err"
	pauses=$("${PYTHON3:-python3}" "$srcdir/tests/golden/pauses.py" "$file" \
	    "$tmp/trace")
	for size in 80x24 120x40 200x60; do
		start "$command" "$size"
		: >"$tmp/screens"
		if ! wait_for "step 0/"; then
			echo "the viewer did not start" >>"$tmp/screens"
			pauses_left=
		else
			pauses_left=$pauses
		fi
		for k in $pauses_left; do
			# j moves one step (without animating it) until the
			# title bar says step k
			tries=0
			while ! screen | grep -q "step $k/" &&
			    [ $tries -lt 400 ]; do
				if [ $((tries % 4)) -eq 0 ]; then
					keys j
				fi
				sleep 0.05
				tries=$((tries + 1))
			done
			[ $tries -lt 400 ] ||
			    echo "(never reached step $k)" >>"$tmp/screens"
			echo "──── $name at $size, the pause at step $k ────" \
			    >>"$tmp/screens"
			# (trailing blanks off)
			settled | sed 's/[[:space:]]*$//' >>"$tmp/screens"
		done
		compare "$name-$size.txt" "$tmp/screens"
	done
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
