#!/bin/sh
# run-compare.sh: `refscope compare`, golden reports read by a person, and
# its command-line errors.
#
# Each tests/compare/NAME.A-B.txt is what `refscope compare --python A,B`
# prints for tests/pyfiles/NAME.py (a scenario the differential tests
# compare with every version's real interpreter).  After a deliberate
# change, regenerate with UPDATE=1 tests/compare/run-compare.sh and read
# the diff before committing it.
REFSCOPE=${REFSCOPE:-${abs_top_builddir:-.}/refscope}
srcdir=${abs_top_srcdir:-${srcdir:-.}}
case $REFSCOPE in /*) ;; *) REFSCOPE=$(pwd)/$REFSCOPE ;; esac
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0

ok() { passed=$((passed + 1)); echo "ok $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1"; }

for golden in "$srcdir"/tests/compare/*.txt; do
	base=$(basename "$golden" .txt)
	name=${base%.3.1?-3.1?}
	pair=${base#"$name".}
	pair=$(echo "$pair" | tr - ,)
	file=$srcdir/tests/pyfiles/$name.py
	[ -f "$file" ] || file=$srcdir/scenarios/$name.py
	(cd "$(dirname "$file")" && "$REFSCOPE" compare --python "$pair" \
	    "$(basename "$file")") >"$tmp/out" 2>"$tmp/err"
	status=$?
	if [ -n "$UPDATE" ]; then
		cp "$tmp/out" "$golden"
		echo "updated $golden"
		continue
	fi
	if [ "$status" -eq 0 ] && [ ! -s "$tmp/err" ] &&
	    cmp -s "$golden" "$tmp/out"; then
		ok "$base"
	else
		fail "$base: status $status, the report differs from $golden:"
		cat "$tmp/err"
		diff -u "$golden" "$tmp/out" | head -n 40
	fi
done

# compare without --python: 3.11 against the newest
file=$srcdir/tests/pyfiles/versions-borrowed.py
"$REFSCOPE" compare "$file" >"$tmp/out" 2>&1
if [ $? -eq 0 ] && head -n 1 "$tmp/out" | grep -q '^3\.11 and 3\.14, '; then
	ok "compare FILE is 3.11 against 3.14"
else
	fail "compare FILE is 3.11 against 3.14:"
	cat "$tmp/out"
fi

# errors: status 2 and a message saying what was expected
expect_error() {	# what message args...
	what=$1
	message=$2
	shift 2
	"$REFSCOPE" "$@" >"$tmp/out" 2>"$tmp/err"
	status=$?
	if [ "$status" -eq 2 ] && grep -qF -- "$message" "$tmp/err" &&
	    [ ! -s "$tmp/out" ]; then
		ok "$what"
	else
		fail "$what: status $status, expected 2 and '$message':"
		cat "$tmp/err"
	fi
}
expect_error "no FILE" "compare: expected a FILE" compare
expect_error "one version" "compare: --python takes two versions, such as 3.11,3.14" \
    compare --python 3.14 "$file"
expect_error "the same version twice" \
    "--python: expected two different versions A,B of 3.11, 3.12, 3.13 or 3.14, found '3.14,3.14'" \
    compare --python 3.14,3.14 "$file"
expect_error "a version not modelled" \
    "--python: expected two different versions A,B of 3.11, 3.12, 3.13 or 3.14, found '3.11,3.10'" \
    compare --python 3.11,3.10 "$file"
expect_error "a pair on check" \
    "check: --python takes one version; two, A,B, are for compare and the viewer" \
    check --python 3.11,3.14 "$file"
expect_error "two files" "compare: one FILE only, found 'x.py' too" \
    compare "$file" x.py
expect_error "an unknown option" "compare: unknown option '--events'" \
    compare --events "$file"
expect_error "a missing file" "nothing.py" compare "$tmp/nothing.py"
# a bad scenario: the located message of either run, once
printf 'x = [\n' >"$tmp/bad.py"
expect_error "a bad scenario" "bad.py:1:" compare "$tmp/bad.py"
if [ "$(grep -c 'bad.py:1:' "$tmp/err")" -eq 1 ]; then
	ok "a bad scenario is reported once"
else
	fail "a bad scenario is reported once:"
	cat "$tmp/err"
fi

# per-version expects: each version checks its own, and only its own
file=$srcdir/tests/pyfiles/versions-collector.py
for v in 3.11 3.12 3.13 3.14; do
	if "$REFSCOPE" check --python $v "$file" 2>&1 |
	    grep -q ': ok (9 steps run, 1 expects checked)$'; then
		ok "check --python $v checks the expect for $v"
	else
		fail "check --python $v checks the expect for $v"
	fi
	sed "s/^\(# expect\[3.1[1-4]\(-3.1[1-4]\)\{0,1\}\]: gen(keep) == \)\([12]\)$/\19/" \
	    "$file" >"$tmp/wrong.py"
	# both expects made wrong: only the one for $v is checked
	"$REFSCOPE" check --python $v "$tmp/wrong.py" >"$tmp/out" 2>&1
	if [ $? -eq 1 ] && [ "$(grep -c 'expect failed' "$tmp/out")" -eq 1 ]; then
		ok "a wrong expect fails on $v, once"
	else
		fail "a wrong expect fails on $v, once:"
		cat "$tmp/out"
	fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
