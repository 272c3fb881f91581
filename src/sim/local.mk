# src/sim: the instrumented interpreter; knows nothing of drawing or YAML.
librefscope_a_SOURCES += \
	src/sim/heap.c src/sim/heap.h \
	src/sim/version.c src/sim/version.h \
	src/sim/event.c src/sim/event.h \
	src/sim/timeline.c src/sim/timeline.h \
	src/sim/machine.c src/sim/machine.h \
	src/sim/gctrack.c src/sim/gctrack.h \
	src/sim/refcount.c src/sim/refcount.h \
	src/sim/gc.c src/sim/gc.h \
	src/sim/objects.c src/sim/objects.h \
	src/sim/interp.c src/sim/interp.h

check_PROGRAMS += tests/check_heap tests/check_interp
tests_check_heap_SOURCES = tests/check_heap.c
tests_check_interp_SOURCES = tests/check_interp.c tests/testlib.c tests/testlib.h

# event_read against event_apply, on every scenario's events.
check_PROGRAMS += tests/check_event
tests_check_event_SOURCES = tests/check_event.c tests/testlib.c tests/testlib.h
