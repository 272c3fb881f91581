#!/bin/sh
# Golden pictures: `refscope dump --width 100` of a few shipped scenarios,
# compared with tests/golden/NAME.txt, each read by a person before it was
# committed.  After a deliberate change to the picture, regenerate with
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
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
