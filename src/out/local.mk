# src/out: files for other tools, and the headless listings.
librefscope_a_SOURCES += \
	src/out/trace.c src/out/trace.h \
	src/out/dump.c src/out/dump.h \
	src/out/dot.c src/out/dot.h \
	src/out/live.c src/out/live.h
