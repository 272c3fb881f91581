# src/sim: the instrumented interpreter; knows nothing of drawing or YAML.
librefscope_a_SOURCES += \
	src/sim/pyhash.c src/sim/pyhash.h src/sim/unicode_printable.inc \
	src/sim/settable.c src/sim/settable.h \
	src/sim/heap.c src/sim/heap.h \
	src/sim/event.c src/sim/event.h \
	src/sim/timeline.c src/sim/timeline.h \
	src/sim/scalar.c src/sim/scalar.h \
	src/sim/machine.c src/sim/machine.h \
	src/sim/gctrack.c src/sim/gctrack.h \
	src/sim/refcount.c src/sim/refcount.h \
	src/sim/gc.c src/sim/gc.h \
	src/sim/objects.c src/sim/objects.h \
	src/sim/interp.c src/sim/interp.h

check_PROGRAMS += tests/check_pyhash tests/check_settable tests/check_heap tests/check_interp
tests_check_pyhash_SOURCES = tests/check_pyhash.c tests/data/pyhash/pyhash_cases.inc
tests_check_settable_SOURCES = tests/check_settable.c tests/data/pyhash/settable_cases.inc
EXTRA_DIST += tests/data/pyhash/generate.py
tests_check_heap_SOURCES = tests/check_heap.c
tests_check_interp_SOURCES = tests/check_interp.c tests/testlib.c tests/testlib.h
