# src/view: a moment of the timeline -> a picture; knows nothing of YAML.
librefscope_a_SOURCES += \
	src/view/canvas.c src/view/canvas.h \
	src/view/scene.c src/view/scene.h \
	src/view/plan.c src/view/plan.h \
	src/view/layout.c src/view/layout.h \
	src/view/picture.c src/view/picture.h \
	src/view/anim.c src/view/anim.h \
	src/view/predict.c src/view/predict.h \
	src/view/tui.c src/view/tui.h

check_PROGRAMS += tests/check_canvas tests/check_scene tests/check_layout
tests_check_canvas_SOURCES = tests/check_canvas.c
tests_check_scene_SOURCES = tests/check_scene.c
tests_check_layout_SOURCES = tests/check_layout.c tests/testlib.c tests/testlib.h
