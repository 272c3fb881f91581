#!/bin/sh
# run-delta.sh: `trace --delta` rebuilds the full trace (src/writer/delta.h).
# For every scenario in the tree -- the course, tests/scenarios,
# tests/collector, tests/pyfiles and the bad-input corpus (but its runs to the limits:
# limit-* and RUNS big or listing in tests/bad/expected, whose full traces
# are hundreds of megabytes by design) -- refscope writes the full trace and the delta
# trace (with its event lines), and replay.py rebuilds every full record
# from the delta records and compares.
#
# Environment: REFSCOPE (default $abs_top_builddir/refscope), PYTHON3.
top=$(cd "$(dirname "$0")/../.." && pwd)
abs_top_srcdir=${abs_top_srcdir:-$top}
abs_top_builddir=${abs_top_builddir:-$top}
REFSCOPE=${REFSCOPE:-$abs_top_builddir/refscope}
PYTHON3=${PYTHON3:-python3}

if [ ! -x "${REFSCOPE%% *}" ] && ! command -v "${REFSCOPE%% *}" >/dev/null; then
	echo "run-delta.sh: no refscope program at $REFSCOPE (set REFSCOPE)"
	exit 99
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/refscope-delta.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

. "$abs_top_srcdir/tests/lib.sh"

bad=$abs_top_srcdir/tests/bad
: >"$tmp/pairs"
for f in "$abs_top_srcdir"/scenarios/*.py "$abs_top_srcdir"/assets/tour.py \
    "$abs_top_srcdir"/tests/scenarios/*.yaml \
    "$abs_top_srcdir"/tests/scenarios/*/*.yaml \
    "$abs_top_srcdir"/tests/collector/*.yaml "$bad"/*.yaml \
    "$abs_top_srcdir"/tests/pyfiles/*.py; do
	[ -f "$f" ] || continue
	in_sample || continue
	case $f in
	"$bad"/limit-*) continue ;;
	"$bad"/*)
		if awk -v n="$(basename "$f")" '$1 == n && $4 != "all"' \
		    "$bad/expected" | grep -q .; then
			continue
		fi ;;
	esac
	# one folder per scenario: replay.py names the pair by its file
	d=$tmp/$(printf '%s' "$f" | sed "s|^$abs_top_srcdir/||; s|/|_|g")
	mkdir -p "$d"
	$REFSCOPE trace "$f" >"$d/full" 2>/dev/null
	$REFSCOPE trace --delta --events "$f" >"$d/delta" 2>/dev/null
	printf '%s %s\n' "$d/full" "$d/delta" >>"$tmp/pairs"
done

# shellcheck disable=SC2046 # one word per file
"$PYTHON3" "$abs_top_srcdir/tests/delta/replay.py" $(cat "$tmp/pairs") |
    sed "s|$tmp/||; s|/full:|:|" >"$tmp/out"
while read -r line; do
	case $line in
	"ok   "*) pass "${line#ok   }" ;;
	"FAIL "*) fail "${line#FAIL }" ;;
	*) echo "       $line" ;;
	esac
done <"$tmp/out"
[ "$passed" -gt "$(sampled 100)" ] || fail "at least $(sampled 100) scenarios replayed" "$passed"
finish
