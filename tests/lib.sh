# tests/lib.sh: what the shell tests share; sourced, not run:
#   . "$(dirname "$0")/../lib.sh"

passed=0
failed=0

# check STATUS WHAT: counts one check, passed when STATUS is 0.
check() {
	if [ "$1" = 0 ]; then
		passed=$((passed + 1))
		echo "ok   $2"
	else
		failed=$((failed + 1))
		echo "FAIL $2"
	fi
}

# pass WHAT: counts a check that held.
pass() {
	passed=$((passed + 1))
	echo "ok   $*"
}

# fail WHAT DETAIL...: counts a check that did not hold; each DETAIL (what
# refscope did) on an indented line.
fail() {
	failed=$((failed + 1))
	echo "FAIL $1"
	shift
	printf '%s\n' "$@" | sed 's/^/       /'
}

# finish: the summary line automake's log shows, and the exit status.
finish() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}

# in_sample: whether the file a loop over every scenario is at now is one
# to test; call it once per file, in the loop's order.  All of them, unless
# TEST_SAMPLE=N is set (test.sh's valgrind pass, ten to fifty times slower:
# the plain and sanitizer passes test every file, valgrind one in N, the
# first included).
sample_seen=0
in_sample() {
	sample_seen=$((sample_seen + 1))
	[ -z "${TEST_SAMPLE:-}" ] || [ $(((sample_seen - 1) % TEST_SAMPLE)) -eq 0 ]
}

# sampled N: how many of N files in_sample lets through (N itself unless
# TEST_SAMPLE is set), for the floors that check a loop found its files.
sampled() {
	echo $(($1 / ${TEST_SAMPLE:-1}))
}
