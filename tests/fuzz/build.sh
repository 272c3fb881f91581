#!/bin/sh
# Builds the libFuzzer harness with clang (Debian: clang, libclang-rt-dev):
#   tests/fuzz/build.sh && ./fuzz_scenario -max_total_time=300 tests/fuzz/corpus
set -eu
cd "$(dirname "$0")/../.."
[ -f config.h ] || { echo "run ./configure first" >&2; exit 1; }
clang -std=c11 -g -O1 -fsanitize=fuzzer,address,undefined \
    -D_POSIX_C_SOURCE=200809L -D_XOPEN_SOURCE=700 -I. -Isrc \
    $(pkg-config --cflags libcyaml yaml-0.1) \
    -DPKGDATADIR='"/nonexistent"' -DSRCDIR='"."' \
    src/base/*.c src/lang/*.c src/sim/*.c tests/fuzz/fuzz_scenario.c \
    $(pkg-config --libs libcyaml yaml-0.1) -lm -o fuzz_scenario
echo "built ./fuzz_scenario"
