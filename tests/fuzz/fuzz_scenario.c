/*
 * fuzz_scenario.c: libFuzzer entry point -- any bytes as a scenario file,
 * through the loader, the compiler and a whole run.  Whatever the input,
 * refscope must answer with a result or a located error: never a crash, a
 * hang, a leak or undefined behaviour.
 *
 *   clang -fsanitize=fuzzer,address,undefined -Isrc -I. ... (see
 *   tests/fuzz/build.sh)
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "base/atom.h"
#include "base/diag.h"
#include "lang/program.h"
#include "lang/scenario.h"
#include "sim/heap.h"
#include "sim/interp.h"
#include "sim/timeline.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct scenario		*s = NULL;
	struct program		*p = NULL;
	struct diag		*errors = NULL;

	if (scenario_load_string("fuzz.yaml", (const char *)data, size, &s,
	    &errors) == 0 && program_compile(s, &p, &errors) == 0) {
		struct heap	*h = heap_new();
		struct timeline	*t = timeline_new(true);

		interp_run(p, h, t, NULL, NULL, &errors);
		/* and back to the start: every event must undo */
		timeline_seek(t, h, 0);
		timeline_free(t);
		heap_free(h);
	}
	program_free(p);
	scenario_free(s);
	diag_free(errors);
	atom_reset();
	return 0;
}
