#!/bin/sh
# Golden pictures, each read by a person before it was committed:
# - `refscope dump --width 100` of a few shipped scenarios, compared with
#   tests/golden/NAME.txt;
# - the viewer's screen at each pause of the tour and of course 01, 08,
#   10, 11, 12 and 14, at 80x24, 120x40 and 200x60 (what a class sees on
#   a laptop, a projector, a large monitor), compared with
#   tests/golden/screens/NAME-WxH.txt.  The viewer runs in tmux and steps
#   to each pause with j; tests/golden/pauses.py finds the pauses.  Without
#   tmux only the dumps are compared.
# After a deliberate change to the picture, regenerate with
#   UPDATE=1 tests/golden/run-golden.sh
# and read the diff (git diff tests/golden) before committing it.
REFSCOPE=${REFSCOPE:-${abs_top_builddir:-.}/refscope}
srcdir=${abs_top_srcdir:-${srcdir:-.}}
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0
for golden in "$srcdir"/tests/golden/*.txt; do
	name=$(basename "$golden" .txt)
	# the lesson as shipped: its .py form, or its YAML form
	file=$srcdir/scenarios/$name.py
	[ -f "$file" ] || file=$srcdir/scenarios/$name.yaml
	"$REFSCOPE" dump --width 100 "$file" >"$tmp/$name.txt" 2>"$tmp/err"
	if [ -n "$UPDATE" ]; then
		cp "$tmp/$name.txt" "$golden"
		echo "updated $golden"
		continue
	fi
	if cmp -s "$golden" "$tmp/$name.txt"; then
		passed=$((passed + 1))
		echo "ok $name"
	else
		failed=$((failed + 1))
		echo "FAIL $name: the picture differs from $golden:"
		diff -u "$golden" "$tmp/$name.txt" | head -n 60
	fi
done

# ---- the viewer's screens at the pauses ----

# compare NAME FILE: FILE against its golden screens/NAME
compare() {
	golden=$srcdir/tests/golden/screens/$1
	if [ -n "$UPDATE" ]; then
		cp "$2" "$golden"
		echo "updated $golden"
	elif cmp -s "$golden" "$2"; then
		passed=$((passed + 1))
		echo "ok screens/$1"
	else
		failed=$((failed + 1))
		echo "FAIL screens/$1: the screens differ from $golden:"
		diff -u "$golden" "$2" | head -n 80
	fi
}

sock=refscope-golden-$$
tm() {
	tmux -L "$sock" -f /dev/null "$@"
}
screen() {
	tm capture-pane -p -t t 2>/dev/null
}
# settled: the screen once it has stayed the same for half a second (an
# event animates for up to one), trailing blanks off
settled() {
	prev=$(screen)
	same=0
	i=0
	while [ $i -lt 100 ] && [ $same -lt 5 ]; do
		sleep 0.1
		cur=$(screen)
		if [ "$cur" = "$prev" ]; then
			same=$((same + 1))
		else
			same=0
		fi
		prev=$cur
		i=$((i + 1))
	done
	printf '%s\n' "$cur" | sed 's/[[:space:]]*$//'
}
# wait_for TEXT: until TEXT is on the screen (20 s at most)
wait_for() {
	i=0
	while [ $i -lt 200 ]; do
		screen | grep -F -q -- "$1" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

if ! command -v tmux >/dev/null 2>&1; then
	echo "tmux is not installed: the screens are not compared"
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit
fi
trap 'tm kill-server >/dev/null 2>&1; rm -rf "$tmp"' EXIT
LC_ALL=C.UTF-8
export LC_ALL
unset LINES COLUMNS NO_COLOR COLORFGBG
for name in tour 01-names 08-cascade 10-ring-survives 11-mark-and-sweep \
    12-generations 14-cycles-and-trees; do
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
		tm kill-server >/dev/null 2>&1
		sock=refscope-golden-$$-$name-$size
		tm new-session -d -s t -x "${size%x*}" -y "${size#*x}" \
		    "$command"
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
					tm send-keys -t t j
				fi
				sleep 0.05
				tries=$((tries + 1))
			done
			[ $tries -lt 400 ] ||
			    echo "(never reached step $k)" >>"$tmp/screens"
			echo "──── $name at $size, the pause at step $k ────" \
			    >>"$tmp/screens"
			settled >>"$tmp/screens"
		done
		tm kill-server >/dev/null 2>&1
		compare "$name-$size.txt" "$tmp/screens"
	done
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
