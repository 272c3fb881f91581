# tests/: the differential test against CPython 3.11 (tests/diff, on the
# scenarios of tests/scenarios and scenarios/), and its own self-test.
TESTS += tests/diff/selftest.sh tests/diff/run-diff.sh
EXTRA_DIST += tests/diff tests/scenarios tests/bench
