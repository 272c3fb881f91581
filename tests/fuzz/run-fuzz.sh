#!/bin/sh
# run-fuzz.sh: the fuzzing test, when clang with libFuzzer is at hand.
# Builds tests/fuzz/fuzz_scenario (tests/fuzz/build.sh), replays every
# scenario of the tree, tests/fuzz/corpus (what fuzzing found beyond them,
# minimised) and tests/fuzz/regress (inputs that once failed), then fuzzes
# from all of them for FUZZ_SECONDS more (default 60; 0 replays only), in
# one process; new inputs go to a scratch directory and are not kept.  A crash,
# a leak, a timeout (FUZZ_TIMEOUT seconds per input, default 10) or an
# over-limit allocation fails the test and leaves the input in the build
# directory (tests/fuzz/crash-*, ...) to add to tests/fuzz/regress.
#
# Exit status 0 when all is well, 1 on a finding, 77 (skip) without clang
# or libFuzzer, 99 when the harness does not build although clang works.

top=$(cd "$(dirname "$0")/../.." && pwd)
abs_top_srcdir=${abs_top_srcdir:-$top}
abs_top_builddir=${abs_top_builddir:-$top}
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
FUZZ_TIMEOUT=${FUZZ_TIMEOUT:-10}
here=$abs_top_srcdir/tests/fuzz
out=$abs_top_builddir/tests/fuzz

if ! command -v "${FUZZ_CC:-clang}" >/dev/null 2>&1; then
	echo "run-fuzz.sh: no clang; skipped"
	exit 77
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/refscope-fuzz.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

# Can this clang link a libFuzzer program at all?
printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n)\n{ (void)d; (void)n; return 0; }\n' \
    >"$tmp/probe.c"
if ! "${FUZZ_CC:-clang}" -fsanitize=fuzzer "$tmp/probe.c" -o "$tmp/probe" \
    >/dev/null 2>&1; then
	echo "run-fuzz.sh: clang cannot link libFuzzer (libclang-rt-dev); skipped"
	exit 77
fi

mkdir -p "$out"
if ! sh "$here/build.sh" "$out/fuzz_scenario" >"$tmp/build.log" 2>&1; then
	cat "$tmp/build.log"
	echo "run-fuzz.sh: the harness does not build"
	exit 99
fi

# ASan's leak check is on in libFuzzer; keep symbolized reports short.
ASAN_OPTIONS=${ASAN_OPTIONS:-}${ASAN_OPTIONS:+:}detect_leaks=1
export ASAN_OPTIONS
UBSAN_OPTIONS=${UBSAN_OPTIONS:-}${UBSAN_OPTIONS:+:}print_stacktrace=1:halt_on_error=1
export UBSAN_OPTIONS
flags="-timeout=$FUZZ_TIMEOUT -rss_limit_mb=2048 -malloc_limit_mb=1024 \
    -max_len=8192 -dict=$here/scenario.dict -artifact_prefix=$out/"

# The seeds: every scenario of the tree, and what fuzzing found beyond them.
seeds=
for d in tests/fuzz/corpus tests/fuzz/regress scenarios tests/scenarios tests/collector tests/cli/data \
    tests/bad tests/e2e/data tests/data/scenario/good \
    tests/data/scenario/bad; do
	[ -d "$abs_top_srcdir/$d" ] && seeds="$seeds $abs_top_srcdir/$d"
done

# 1. every input kept in the tree, once
# shellcheck disable=SC2086 # seeds are words
n=$(find $seeds -maxdepth 1 -type f | wc -l)
# shellcheck disable=SC2086 # flags and seeds are words
if ! "$out/fuzz_scenario" $flags -runs=0 $seeds >"$tmp/replay.log" 2>&1
then
	tail -n 40 "$tmp/replay.log"
	echo "FAIL replaying the $n scenarios and fuzzing inputs of the tree"
	exit 1
fi
echo "ok   replayed the $n scenarios and fuzzing inputs of the tree"

# 2. a short fuzzing pass from a copy of the corpus
if [ "$FUZZ_SECONDS" -gt 0 ]; then
	# new inputs go to the first directory only: a scratch one
	mkdir "$tmp/work"
	# shellcheck disable=SC2086 # flags and seeds are words
	if ! "$out/fuzz_scenario" $flags \
	    -max_total_time="$FUZZ_SECONDS" -print_final_stats=1 \
	    "$tmp/work" $seeds >"$tmp/fuzz.log" 2>&1; then
		tail -n 60 "$tmp/fuzz.log"
		echo "FAIL fuzzing for ${FUZZ_SECONDS}s found the input above"
		exit 1
	fi
	sed -n 's/^stat::number_of_executed_units: */runs: /p;
	    s/^stat::average_exec_per_sec: */exec\/s: /p' "$tmp/fuzz.log"
	echo "ok   fuzzed for ${FUZZ_SECONDS}s, nothing found"
fi
exit 0
