#!/bin/sh
# build.sh: builds the libFuzzer harness with clang (Debian: clang,
# libclang-rt-dev) into OUT (default ./fuzz_scenario):
#
#   tests/fuzz/build.sh [OUT]
#   ./fuzz_scenario -dict=tests/fuzz/scenario.dict -timeout=10 \
#       -max_len=8192 WORK-CORPUS tests/fuzz/corpus
#
# Everything but the viewer's curses front end is linked in: the loader,
# the compiler, the simulator, the trace, the picture and the DOT export.
#
# The run-time limits of DESIGN §8 are built 100 times smaller here, so
# that an input crossing them costs a fraction of a second instead of
# seconds: the fuzzer explores more, and every limit's path is as easy to
# reach.  The full limits are tested by tests/cli and tests/bad.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$top/fuzz_scenario}
cd "$top"
[ -f config.h ] || { echo "build.sh: run ./configure first" >&2; exit 1; }
CC=${FUZZ_CC:-clang}
# shellcheck disable=SC2046 # word splitting is wanted for the flags
$CC -std=c11 -g -O1 -fsanitize=fuzzer,address,undefined \
    -fno-sanitize-recover=undefined \
    -D_POSIX_C_SOURCE=200809L -D_XOPEN_SOURCE=700 -I. -Isrc \
    -DTIMELINE_MAX_STEPS=10000u -DTIMELINE_MAX_EVENTS=100000u \
    -DINTERP_MAX_LIVE=10000u -DINTERP_MAX_ITEMS=10000u \
    -DINTERP_MAX_WORK=1000000u -DINTERP_MAX_OUTPUT=65536u \
    $(pkg-config --cflags libcyaml yaml-0.1) \
    -DPREFIX='"/nonexistent"' -DBINDIR='"/nonexistent/bin"' \
    -DPKGDATADIR='"/nonexistent/share/refscope"' \
    -DSRCDIR="\"$top\"" -DBUILDDIR="\"$top\"" \
    src/base/*.c src/py/*.c src/lang/*.c src/sim/*.c src/run/*.c src/writer/*.c \
    src/view/scene.c src/view/plan.c src/view/layout.c src/view/canvas.c \
    src/view/picture.c src/view/anim.c tests/fuzz/fuzz_scenario.c \
    $(pkg-config --libs libcyaml yaml-0.1) -lm -o "$out"
echo "built $out"
