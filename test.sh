#!/usr/bin/env bash
# test.sh: builds refscope and runs the test suite; ends with one line
# "N passed, M failed".
#
#   ./test.sh           the fast pass, a few minutes: `make -j2 check` in the
#                       source tree, every test, the fuzzer replaying its
#                       corpus only (FUZZ_SECONDS=0 unless set)
#   ./test.sh --full    the full suite (what CI runs), three times: `make
#                       check` with 60 s of fuzzing, then again in
#                       build-sanitize/ under AddressSanitizer and UBSan with
#                       -Werror, then under valgrind memcheck (valgrind_pass)
set -euo pipefail

full=0
case ${1:-} in
"") ;;
--full) full=1 ;;
*)
	echo "usage: ./test.sh [--full]" >&2
	exit 2 ;;
esac

cd "$(dirname "$0")"
top=$PWD
sandir=build-sanitize

if ! ./build.sh --no-run; then
	echo "0 passed, 1 failed"
	exit 1
fi

total_pass=0
total_fail=0

# Counts the results of the last `make check` under dir: for a Check program,
# its own summary line (one count per check), otherwise automake's result.
count_results() {
	local dir=$1 trs log res line checks fails errs
	pass=0
	fail=0
	while IFS= read -r -d '' trs; do
		res=$(sed -n 's/^:test-result: *//p' "$trs" | head -n1)
		log=${trs%.trs}.log
		line=$(grep -E '^[0-9]+%: Checks: [0-9]+, Failures: [0-9]+, Errors: [0-9]+' \
		    "$log" 2>/dev/null | tail -n1 || true)
		if [ -n "$line" ]; then
			checks=$(sed -E 's/.*Checks: ([0-9]+).*/\1/' <<<"$line")
			fails=$(sed -E 's/.*Failures: ([0-9]+).*/\1/' <<<"$line")
			errs=$(sed -E 's/.*Errors: ([0-9]+).*/\1/' <<<"$line")
			pass=$((pass + checks - fails - errs))
			fail=$((fail + fails + errs))
			# Failed after its summary (a leak found at exit, say).
			if [ "$fails" -eq 0 ] && [ "$errs" -eq 0 ] &&
			    [ "$res" != PASS ]; then
				fail=$((fail + 1))
			fi
		else
			case $res in
			PASS | XFAIL | SKIP) [ "$res" = SKIP ] || pass=$((pass + 1)) ;;
			*) fail=$((fail + 1)) ;;
			esac
		fi
	done < <(find "$dir" -path "./$sandir" -prune -o -name '*.trs' -print0)
}

# Forgets the results of earlier runs, so that a test that no longer exists
# is not counted.
clear_results() {
	rm -f "$1/test-suite.log"
	find "$1" -path "./$sandir" -prune -o -name '*.trs' -print0 |
	    while IFS= read -r -d '' trs; do
		rm -f "$trs" "${trs%.trs}.log"
	done
}

# check_pass NAME DIR [MAKE-ARGS...]: runs `make check` in DIR; prints the
# failing logs; adds to the totals.
check_pass() {
	local name=$1 dir=$2 ok=1
	shift 2
	clear_results "$dir"
	echo "== $name: make check in $dir $*"
	if ! (cd "$dir" && make -j2 check "$@"); then
		ok=0
		if [ -f "$dir/test-suite.log" ]; then
			echo "== $name: $dir/test-suite.log"
			cat "$dir/test-suite.log"
		fi
	fi
	count_results "$dir"
	if [ "$ok" -eq 0 ] && [ "$fail" -eq 0 ]; then
		fail=1	# it did not build, or failed before any test ran
	fi
	echo "$name: $pass passed, $fail failed"
	total_pass=$((total_pass + pass))
	total_fail=$((total_fail + fail))
}

# A configured source tree cannot also serve a VPATH build (configure refuses,
# and make would pick up the plain objects), so the sanitizer pass builds a
# copy of the sources: the files git sees, plus the generated build system.
mirror_sources() {
	local dest=$1
	mkdir -p "$dest/tree"
	{
		if git -C "$top" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
			git -C "$top" ls-files -z --cached --others --exclude-standard
		else
			find . \( -path "./$sandir" -o -path ./.git -o -name '*.o' \
			    -o -name '*.a' -o -name '*.trs' -o -name '*.log' \
			    -o -name .deps -o -name .dirstamp -o -name Makefile \
			    -o -name config.status -o -name config.h \
			    -o -name stamp-h1 -o -name autom4te.cache \) -prune \
			    -o -type f -printf '%P\0'
		fi
		printf '%s\0' configure aclocal.m4 Makefile.in config.h.in
		find build-aux -type f -print0
	} | while IFS= read -r -d '' f; do
		[ -f "$f" ] || continue
		if ! cmp -s "$f" "$dest/tree/$f"; then
			cp -p --parents "$f" "$dest/tree/"
		fi
	done
}

if [ "$full" -eq 0 ]; then
	FUZZ_SECONDS=${FUZZ_SECONDS:-0} check_pass plain .
	echo "$total_pass passed, $total_fail failed"
	[ "$total_fail" -eq 0 ]
	exit
fi

check_pass plain .

mirror_sources "$sandir"
# the oracles tests/oracle/setup.sh installed (not in git): shared
if [ -d tests/oracle/node_modules ]; then
	ln -sfn "$top/tests/oracle/node_modules" \
	    "$sandir/tree/tests/oracle/node_modules"
fi
(
	cd "$sandir/tree"
	if [ ! -f config.status ] || [ configure -nt config.status ]; then
		./configure --enable-sanitizers --enable-werror
	fi
) || { echo "sanitize: configure failed"; total_fail=$((total_fail + 1)); }
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export CK_TIMEOUT_MULTIPLIER=${CK_TIMEOUT_MULTIPLIER:-4}	# ASan is slower
if [ -f "$sandir/tree/Makefile" ]; then
	# the fuzzer is built with its own sanitizers: replay, do not fuzz
	FUZZ_SECONDS=0 check_pass sanitize "$sandir/tree"
fi
unset ASAN_OPTIONS UBSAN_OPTIONS CK_TIMEOUT_MULTIPLIER

# The valgrind pass, on the plain build: the whole suite again with every
# Check program run in one process under valgrind memcheck (CK_FORK=no, so
# that valgrind sees the tests themselves) and every shell test given a
# refscope that runs under valgrind; then `refscope check` under valgrind
# on each file of the bad-input corpus (run-bad.sh's BAD_WRAPPER: only
# check, without its time limit).  Any error or leak makes refscope exit
# 99, which fails the test that ran it.  Left out: the viewer in tmux
# (its waits are timed, and valgrind is ten to fifty times slower), the
# install test (it builds and installs a program of its own), the
# fuzzer (clang's sanitizers, not valgrind) and the differential tests
# against 3.12 to 3.14 (the plain and sanitizer passes run them; three
# more runs of every scenario under valgrind would not fit CI's time).  About fifteen minutes on two
# cores.
valgrind_pass() {
	local vg wrapper runner progs shells t
	vg="valgrind -q --error-exitcode=99 --leak-check=full"
	vg="$vg --errors-for-leak-kinds=definite,indirect,possible"
	vg="$vg --show-leak-kinds=definite,indirect,possible"
	echo "== valgrind: make check with refscope under valgrind memcheck"
	# refscope for the shell tests, and the harness's LOG_COMPILER: a
	# shell test runs as it is, a Check program under valgrind
	mkdir -p "$top/tests/valgrind"
	wrapper=$top/tests/valgrind/refscope
	printf '#!/bin/sh\nexec %s %s "$@"\n' "$vg" "$top/refscope" >"$wrapper"
	runner=$top/tests/valgrind/run-test
	printf '#!/bin/sh\ncase $1 in\n*.sh) exec "$@" ;;\n*) CK_FORK=no exec %s "$@" ;;\nesac\n' \
	    "$vg" >"$runner"
	chmod +x "$wrapper" "$runner"
	progs=
	for t in tests/check_*; do
		case $t in *.*) continue ;; esac
		[ -f "$t" ] && [ -x "$t" ] && progs="$progs $t"
	done
	shells=
	for t in $(sed -n 's/^TESTS += //p' tests/local.mk); do
		case $t in
		tests/e2e/* | tests/cli/run-install.sh | tests/fuzz/* | \
		    tests/bad/* | tests/diff/run-diff-3.1?.sh) ;;
		*.sh) shells="$shells $t" ;;
		esac
	done
	# the tests that go over every scenario take one in eight here
	# (tests/lib.sh in_sample, tests/testlib.c): the plain and sanitizer
	# passes take them all
	TEST_SAMPLE=8 check_pass valgrind . TESTS="$progs $shells" \
	    LOG_COMPILER="$runner" REFSCOPE="$wrapper"
	echo "== valgrind: refscope check on the bad-input corpus"
	if BAD_WRAPPER="$vg" tests/bad/run-bad.sh >bad-valgrind.log 2>&1; then
		:
	else
		grep -v '^ok' bad-valgrind.log | head -n 40
	fi
	pass=$(grep -c '^ok' bad-valgrind.log || true)
	fail=$(grep -c '^FAIL' bad-valgrind.log || true)
	echo "valgrind, bad corpus: $pass passed, $fail failed"
	total_pass=$((total_pass + pass))
	total_fail=$((total_fail + fail))
}

if command -v valgrind >/dev/null 2>&1; then
	valgrind_pass
else
	echo "valgrind: not installed; pass skipped"
	total_fail=$((total_fail + 1))
fi

echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
