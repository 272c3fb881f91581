#!/bin/sh
# run-man.sh: the man page (assets/refscope.1) formats without a single
# groff warning, and documents every command and option `refscope --help`
# lists, so the two cannot drift apart.
srcdir=${abs_top_srcdir:-${srcdir:-.}}
REFSCOPE=${REFSCOPE:-${abs_top_builddir:-.}/refscope}
page=$srcdir/assets/refscope.1

if ! command -v groff >/dev/null 2>&1; then
	echo "run-man.sh: groff is not installed (Debian: groff-base); skipped"
	exit 77
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/refscope-man.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM
. "$(dirname "$0")/../lib.sh"

# -ww: every warning; -z: no output, only the diagnostics.
groff -man -Tutf8 -ww -z "$page" >"$tmp/warnings" 2>&1
status=$?
[ "$status" -eq 0 ] && [ ! -s "$tmp/warnings" ]
check $? "groff -man -ww formats the page without warnings"
sed 's/^/  /' "$tmp/warnings"

# The rendered page, without bold and underline, as man(1) shows it.
groff -man -Tutf8 -P-cbou "$page" >"$tmp/page" 2>/dev/null
grep -q '^SYNOPSIS' "$tmp/page" && grep -q '^EXIT STATUS' "$tmp/page" &&
    grep -q '^ENVIRONMENT' "$tmp/page" && grep -q '^FILES' "$tmp/page"
check $? "the page has SYNOPSIS, EXIT STATUS, ENVIRONMENT and FILES"

"$REFSCOPE" --help >"$tmp/help" 2>&1
check $? "refscope --help runs"
for cmd in $(sed -n 's/^\(usage:\)\{0,1\} *refscope \([a-z][a-z]*\).*/\2/p' \
    "$tmp/help" | sort -u); do
	grep -q "^ *refscope $cmd" "$tmp/page"
	check $? "the synopsis has refscope $cmd"
done
for opt in $(grep -o -- '--[a-z][a-z-]*' "$tmp/help" | sort -u); do
	grep -q -- "$opt" "$tmp/page"
	check $? "the page documents $opt"
done

finish
