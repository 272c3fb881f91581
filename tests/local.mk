# The slowest tests first (see TESTS in Makefile.am).
# The bad-input corpus: a status and a located message for each file, and
# no crash, hang or raw control character from any command (DESIGN §8).
TESTS += tests/bad/run-bad.sh
EXTRA_DIST += tests/bad

# The fuzzing harness, when clang has libFuzzer: replays tests/fuzz/corpus
# and tests/fuzz/regress, then fuzzes for FUZZ_SECONDS (default 60).
TESTS += tests/fuzz/run-fuzz.sh
EXTRA_DIST += tests/fuzz
CLEANFILES += tests/fuzz/fuzz_scenario

# refscope export --python-check, checked by CPython: every scenario's export runs
# clean and prints what refscope prints; negated expects fail there.
TESTS += tests/cli/run-export-python.sh
EXTRA_DIST += tests/cli/run-export-python.sh
# export --python of every YAML scenario in the tree runs the same as a .py
# scenario (tests/cli/roundtrip.py compares the two runs).
TESTS += tests/cli/run-roundtrip.sh
EXTRA_DIST += tests/cli/run-roundtrip.sh tests/cli/roundtrip.py

# The differential test against CPython 3.12, 3.13 and 3.14 (pyodide under
# Node, installed by tests/oracle/setup.sh; slow to start, so first).
TESTS += tests/diff/run-diff-3.12.sh tests/diff/run-diff-3.13.sh \
	tests/diff/run-diff-3.14.sh
EXTRA_DIST += tests/oracle/setup.sh tests/oracle/run.mjs \
	tests/oracle/package.json tests/oracle/package-lock.json \
	tests/oracle/.npmrc

# tests/: the differential test against CPython 3.11 (tests/diff, on the
# scenarios of tests/scenarios and scenarios/), and its own self-test.
TESTS += tests/diff/selftest.sh tests/diff/run-diff.sh tests/diff/run-probes.sh
EXTRA_DIST += tests/lib.sh
EXTRA_DIST += tests/diff tests/scenarios tests/pyfiles tests/bench

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
CLEANFILES += $(EXTRA_PROGRAMS)

# make bench: every benchmark (tests/bench), their figures in one table;
# PEER=DIR runs Python Tutor's tracer (its pg_logger.py, pg_encoder.py and
# generate_json_trace.py in DIR) beside the trace.
# Not a test: figures, no assertions.
bench: refscope$(EXEEXT) tests/bench/bench_view$(EXEEXT)
	PEER='$(PEER)' $(PYTHON3) $(srcdir)/tests/bench/run-all.py ./refscope$(EXEEXT) \
	    tests/bench/bench_view$(EXEEXT)
.PHONY: bench

# Golden pictures, each read by a person (tests/golden): dump, and the
# viewer's screens at the course's pauses at three sizes, in tmux (two
# minutes, mostly waiting for the screen to settle).
TESTS += tests/golden/run-golden.sh
EXTRA_DIST += tests/golden

# The viewer end to end, driven in tmux: open, step, play, help, resize,
# hot reload, quit and SIGTERM leave the terminal sane.
TESTS += tests/e2e/run-tui.sh
EXTRA_DIST += tests/e2e

# What a class reads off the viewer, in tmux: printed output, a collection
# as it is computed, labels.
TESTS += tests/e2e/run-teach.sh
TESTS += tests/e2e/run-predict.sh
# The picture: a step's net effect, one look per moment whatever the
# route, frames pinned, a large terminal used.
TESTS += tests/e2e/run-picture.sh
# Two CPython versions in the viewer: v, the title bar, the step panel's
# differences (issue 19).
TESTS += tests/e2e/run-versions.sh

# What a class sees first and whether it can read it, in tmux: step 0's
# summary, the speed, the timeline's marks and clicks, the help, the theme
# by the terminal's background (OSC 11 on a pseudo-terminal, COLORFGBG),
# --light, --mono, and ASCII only under --ascii or LANG=C.
TESTS += tests/e2e/run-legible.sh

# refscope new: the starter scenario.
TESTS += tests/cli/run-new.sh
EXTRA_DIST += tests/cli/run-new.sh

# refscope export --dot, checked by Graphviz itself.
TESTS += tests/cli/run-export.sh
EXTRA_DIST += tests/cli/run-export.sh

# refscope export --cast: the recordings, checked by a terminal model and
# played by asciinema itself.
TESTS += tests/cast/run-cast.sh
EXTRA_DIST += tests/cast

# refscope compare: golden reports read by a person, and its errors
# (tests/compare).
TESTS += tests/compare/run-compare.sh
EXTRA_DIST += tests/compare
# Worksheets (export --worksheet): golden files read by a person, and every
# answer CPython can reproduce checked against it (tests/worksheet).
TESTS += tests/worksheet/run-worksheet.sh
EXTRA_DIST += tests/worksheet

# The documentation: every example of assets/FORMAT.md and the README runs
# (and agrees with CPython), and the man page formats without a warning and
# documents every command and option of --help.
TESTS += tests/doc/run-format.sh tests/doc/run-man.sh
EXTRA_DIST += tests/doc/run-format.sh tests/doc/run-man.sh tests/doc/docblocks.py \
	tests/doc/capture-viewer.sh

# The installation: `make install` puts every file in its place and the
# installed program finds them, from anywhere; `make installcheck` (which
# make distcheck runs) checks the program installed at the configured place.
TESTS += tests/cli/run-install.sh
EXTRA_DIST += tests/cli/run-install.sh
installcheck-local:
	$(AM_TESTS_ENVIRONMENT) $(SHELL) $(srcdir)/tests/cli/run-install.sh \
	    --installed '$(DESTDIR)$(bindir)/refscope'

# The viewer under faults, in tmux: fatal and quitting signals restore the
# terminal; a watched file that goes bad keeps the last good run.
TESTS += tests/e2e/run-faults.sh

# trace --delta: replaying the delta records rebuilds every full record,
# for every scenario in the tree.
TESTS += tests/delta/run-delta.sh
EXTRA_DIST += tests/delta

# The structure: no two files of src/sim call each other in a loop.
TESTS += tests/structure/run-calls.sh
EXTRA_DIST += tests/structure
