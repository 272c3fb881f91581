#!/bin/sh
# run-format.sh: every example of the scenario format's documentation
# (assets/FORMAT.md) and of the README is run.  Each scenario must pass
# `refscope check`, each transcript must print what the document shows, and
# each scenario CPython can run is compared with CPython by the differential
# test (tests/diff), so the documentation cannot claim what refscope or
# CPython does not do.  tests/doc/docblocks.py says exactly what is checked.
srcdir=${abs_top_srcdir:-${srcdir:-.}}
REFSCOPE=${REFSCOPE:-${abs_top_builddir:-.}/refscope}
PYTHON3=${PYTHON3:-/usr/bin/python3}
export REFSCOPE PYTHON3

if ! "$PYTHON3" -c 'import sys' 2>/dev/null; then
	echo "run-format.sh: no Python at $PYTHON3; skipped"
	exit 77
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/refscope-doc.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM

"$PYTHON3" "$srcdir/tests/doc/docblocks.py" "$tmp" \
    "$srcdir/assets/FORMAT.md" "$srcdir/README.md" >"$tmp/blocks.out"
status=$?
grep -v '^compare: ' "$tmp/blocks.out"

# The examples CPython can run, compared step by step.
set --
while read -r word path where; do
	[ "$word" = compare: ] && set -- "$@" "$path"
done <"$tmp/blocks.out"
if [ $# -eq 0 ]; then
	echo "run-format.sh: no example to compare with CPython"
	exit 1
fi
echo "== compared with CPython:"
srcdir=$srcdir sh "$srcdir/tests/diff/run-diff.sh" "$@"
diff_status=$?
# 77: no CPython 3.11 here, which the diff test reports on its own
if [ "$diff_status" -ne 0 ] && [ "$diff_status" -ne 77 ]; then
	status=1
fi
[ "$status" -eq 0 ]
