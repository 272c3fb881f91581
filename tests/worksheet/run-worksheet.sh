#!/bin/sh
# run-worksheet.sh: `refscope export --worksheet` (issue 18).
#   1. The worksheets of tests/worksheet/lessons/ are the golden files
#      tests/worksheet/golden/NAME.md, each read by a person before it was
#      committed (UPDATE=1 rewrites them; read the diff).
#   2. Every answer of every shipped scenario's worksheet, and of the
#      lessons', that CPython can reproduce agrees with CPython 3.11
#      (check.py, through tests/diff/oracle.py).
#   3. The check can fail: an answer key with one answer changed fails it.
REFSCOPE=${REFSCOPE:-${abs_top_builddir:-.}/refscope}
srcdir=${abs_top_srcdir:-${srcdir:-.}}
PYTHON3=${PYTHON3:-/usr/bin/python3}
dir=$srcdir/tests/worksheet
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
status=0

for lesson in "$dir"/lessons/*; do
	name=$(basename "$lesson")
	name=${name%.*}
	golden=$dir/golden/$name.md
	"$REFSCOPE" export --worksheet "$lesson" >"$tmp/$name.md" 2>"$tmp/err"
	if [ -n "$UPDATE" ]; then
		cp "$tmp/$name.md" "$golden"
		echo "updated $golden"
	elif cmp -s "$golden" "$tmp/$name.md"; then
		echo "ok   golden $name"
	else
		echo "FAIL golden $name differs from $golden:"
		diff -u "$golden" "$tmp/$name.md" | head -n 40
		cat "$tmp/err"
		status=1
	fi
done

if ! "$PYTHON3" -c 'import sys, yaml; sys.exit(sys.version_info[:2] != (3, 11))' \
    2>/dev/null; then
	echo "FAIL $PYTHON3 is not CPython 3.11 with PyYAML"
	exit 1
fi
set --
for f in "$srcdir"/scenarios/*.py \
    "$srcdir"/assets/tour.yaml "$srcdir"/assets/tour.py "$dir"/lessons/*; do
	[ -f "$f" ] && set -- "$@" "$f"
done
if "$PYTHON3" "$dir/check.py" "$REFSCOPE" "$srcdir/tests/diff/oracle.py" \
    "$@" >"$tmp/check" 2>&1; then
	echo "ok   $(tail -n 1 "$tmp/check")"
else
	echo "FAIL the worksheets disagree with CPython:"
	cat "$tmp/check"
	status=1
fi

# A refscope whose answer key says 3 where the model says 2.
cat >"$tmp/liar" <<LIAR
#!/bin/sh
"$REFSCOPE" "\$@" | sed 's/\`refcount(scores)\`: \*\*2\*\*/\`refcount(scores)\`: **3**/'
LIAR
chmod +x "$tmp/liar"
if "$PYTHON3" "$dir/check.py" "$tmp/liar" "$srcdir/tests/diff/oracle.py" \
    "$dir/lessons/aliases.py" >"$tmp/liar.out" 2>&1; then
	echo "FAIL check.py passed an answer key with a wrong answer"
	status=1
elif grep -q "refscope says '3'" "$tmp/liar.out"; then
	echo "ok   check.py fails a wrong answer"
else
	echo "FAIL check.py did not name the wrong answer:"
	cat "$tmp/liar.out"
	status=1
fi
exit $status
