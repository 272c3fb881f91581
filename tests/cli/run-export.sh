#!/bin/sh
# refscope export --dot: Graphviz accepts what it writes, for every shipped
# scenario at every step, and the graph says what the step has: names,
# objects with their counts, references with their labels.
REFSCOPE=${REFSCOPE:-${abs_top_builddir:-.}/refscope}
srcdir=${abs_top_srcdir:-.}
command -v dot >/dev/null 2>&1 || { echo "no graphviz dot: skipped"; exit 77; }
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/../lib.sh"

for f in "$srcdir"/scenarios/*.py; do
	steps=$("$REFSCOPE" trace "$f" | grep -c '"depth":')
	step=1
	while [ "$step" -le "$steps" ]; do
		"$REFSCOPE" export --dot --step "$step" "$f" >"$tmp/g.dot" 2>"$tmp/err"
		check $? "export --dot --step $step $f"
		dot -Tsvg "$tmp/g.dot" >"$tmp/g.svg" 2>"$tmp/err"
		check $? "dot -Tsvg accepts step $step of $f: $(head -c 200 "$tmp/err")"
		step=$((step + 1))
	done
done

# what the picture must say, with labels that need escaping
cat >"$tmp/s.yaml" <<'YAML'
refscope: 1
title: Export "quotes" and \ backslashes
steps:
  - do: x = [1000, 'say "hi" \ there']
  - do: y = x
YAML
"$REFSCOPE" export --dot "$tmp/s.yaml" >"$tmp/s.dot"
check $? "export --dot of a scenario with quotes"
dot -Tcanon "$tmp/s.dot" >/dev/null 2>&1
check $? "dot accepts escaped quotes and backslashes"
grep -q 'frame0 -> obj[0-9]* \[label="x"\]' "$tmp/s.dot"
check $? "the name x is an edge from the module frame"
grep -q 'label="list #[0-9]*\\nrefcount 2"' "$tmp/s.dot"
check $? "the list shows its refcount 2"
grep -q 'label="\[1\]"' "$tmp/s.dot"
check $? "slot [1] is a labelled edge"
"$REFSCOPE" export --dot --step 99 "$tmp/s.yaml" >/dev/null 2>&1
[ $? -eq 2 ]
check $? "a step past the end is an error (exit 2)"

finish
