#!/bin/sh
# refscope new FILE: the starter scenario it writes passes refscope check,
# and it never overwrites a file.
REFSCOPE=${REFSCOPE:-${abs_top_builddir:-.}/refscope}
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/../lib.sh"

"$REFSCOPE" new "$tmp/s.yaml" >"$tmp/out" 2>&1
check $? "new writes a starter (exit 0)"
[ -s "$tmp/s.yaml" ]
check $? "the starter file exists"
"$REFSCOPE" check "$tmp/s.yaml" >"$tmp/out" 2>&1
check $? "the starter passes refscope check"
grep -q "expects checked" "$tmp/out" && ! grep -q " 0 expects" "$tmp/out"
check $? "the starter has expect: lines that were checked"
echo "keep me" >"$tmp/mine.yaml"
"$REFSCOPE" new "$tmp/mine.yaml" >/dev/null 2>"$tmp/err"
[ $? -eq 2 ]
check $? "new refuses an existing file (exit 2)"
[ "$(cat "$tmp/mine.yaml")" = "keep me" ]
check $? "the existing file is untouched"
grep -q "mine.yaml" "$tmp/err"
check $? "the refusal names the file"

# a .py name gets the Python starter: a lesson python3 runs too
"$REFSCOPE" new "$tmp/lesson.py" >"$tmp/out" 2>&1
check $? "new writes a .py starter (exit 0)"
head -n 1 "$tmp/lesson.py" | grep -q '^"""'
check $? "the .py starter begins with its docstring"
"$REFSCOPE" check "$tmp/lesson.py" >"$tmp/out" 2>&1 &&
    grep -q "expects checked" "$tmp/out" && ! grep -q " 0 expects" "$tmp/out"
check $? "the .py starter passes refscope check with its # expect: lines"
if command -v python3 >/dev/null 2>&1; then
	python3 "$tmp/lesson.py" >"$tmp/py.out" 2>&1
	check $? "python3 runs the .py starter"
fi

finish
