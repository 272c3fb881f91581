# src/view: a moment of the timeline -> a picture; knows nothing of YAML.
librefscope_a_SOURCES += \
	src/view/canvas.c src/view/canvas.h

check_PROGRAMS += tests/check_canvas
tests_check_canvas_SOURCES = tests/check_canvas.c
