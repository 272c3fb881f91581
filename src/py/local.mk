# src/py: Python's value rules (hashes, int/float arithmetic, the repr of str
# and float, the set table, slice bounds, the builtins' names); below lang/ and sim/, which both use them.
librefscope_a_SOURCES += \
	src/py/pyhash.c src/py/pyhash.h src/py/unicode_printable.inc \
	src/py/settable.c src/py/settable.h \
	src/py/ops.c src/py/ops.h \
	src/py/bigint.c src/py/bigint.h \
	src/py/scalar.c src/py/scalar.h \
	src/py/pyslice.c src/py/pyslice.h \
	src/py/pyformat.c src/py/pyformat.h \
	src/py/pyversion.c src/py/pyversion.h \
	src/py/pynames.c src/py/pynames.h

check_PROGRAMS += tests/check_pyhash tests/check_settable tests/check_bigint
tests_check_pyhash_SOURCES = tests/check_pyhash.c tests/data/pyhash/pyhash_cases.inc
tests_check_settable_SOURCES = tests/check_settable.c tests/data/pyhash/settable_cases.inc
tests_check_bigint_SOURCES = tests/check_bigint.c tests/data/bigint/bigint_cases.inc
EXTRA_DIST += tests/data/pyhash/generate.py tests/data/bigint/generate.py
