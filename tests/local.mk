# tests/: the differential test against CPython 3.11 (tests/diff, on the
# scenarios of tests/scenarios and scenarios/), and its own self-test.
TESTS += tests/diff/selftest.sh tests/diff/run-diff.sh
EXTRA_DIST += tests/diff tests/scenarios tests/bench

# The collector scenarios and the shipped course, checked by their expect:s.
TESTS += tests/collector/run-check.sh
EXTRA_DIST += tests/collector

# The command line end to end: statuses, excerpts, limits, trace, escaping.
TESTS += tests/cli/run-cli.sh
EXTRA_DIST += tests/cli/run-cli.sh tests/cli/data

# The viewer's benchmark, built on demand (make tests/bench/bench_view).
EXTRA_PROGRAMS = tests/bench/bench_view
tests_bench_bench_view_SOURCES = tests/bench/bench_view.c
tests_bench_bench_view_LDADD = $(LDADD)
CLEANFILES = $(EXTRA_PROGRAMS)

# The viewer end to end, driven in tmux: open, step, play, help, resize,
# hot reload, quit and SIGTERM leave the terminal sane.
TESTS += tests/e2e/run-tui.sh
EXTRA_DIST += tests/e2e

# refscope new: the starter scenario.
TESTS += tests/cli/run-new.sh
EXTRA_DIST += tests/cli/run-new.sh

# refscope export --dot, checked by Graphviz itself.
TESTS += tests/cli/run-export.sh
EXTRA_DIST += tests/cli/run-export.sh

# The bad-input corpus: a status and a located message for each file, and
# no crash, hang or raw control character from any command (DESIGN §8).
TESTS += tests/bad/run-bad.sh
EXTRA_DIST += tests/bad

# The fuzzing harness, when clang has libFuzzer: replays tests/fuzz/corpus
# and tests/fuzz/regress, then fuzzes for FUZZ_SECONDS (default 60).
TESTS += tests/fuzz/run-fuzz.sh
EXTRA_DIST += tests/fuzz
CLEANFILES += tests/fuzz/fuzz_scenario

# The viewer under faults, in tmux: fatal and quitting signals restore the
# terminal; a watched file that goes bad keeps the last good run.
TESTS += tests/e2e/run-faults.sh
