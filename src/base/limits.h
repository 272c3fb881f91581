/*
 * limits.h: the limits of DESIGN §8, each defined once.
 *
 * Every module that enforces a limit, and every message that names one,
 * takes it from here.  The fuzzer builds with smaller ones (see
 * tests/fuzz/build.sh: -DTIMELINE_MAX_STEPS=... and the like), so that
 * crossing them is cheap enough to explore: those are #ifndef.
 */
#ifndef REFSCOPE_LIMITS_H
#define REFSCOPE_LIMITS_H

/* The scenario file, as the loader reads it. */
#define SCENARIO_MAX_FILE_BYTES		(1024u * 1024u)
#define SCENARIO_MAX_WRITTEN_STEPS	10000u
#define SCENARIO_MAX_REPEAT		1000000u
#define SCENARIO_MAX_NESTING		64u	/* YAML levels */
#define SCENARIO_MAX_LABEL		20u	/* characters of a label:, so
						   that a box stays narrow */
#define SCENARIO_MAX_WITH_ITEMS		16u	/* managers of one `with` (each
						   a step of its own) */
#define SCENARIO_MAX_STEP_LABELS	16u	/* label: entries of a step */

/* The longest string, in characters: a YAML value, a literal, or a str
 * the run makes. */
#define LIMIT_MAX_STRING		4096u

/* The largest int, in bits (CPython has none short of memory): the
 * arithmetic of ints this size stays quick, and one takes no more memory
 * than the longest str.  2 ** 131071 is allowed, 2 ** 131072 is not. */
#define LIMIT_MAX_INT_BITS		131072u

/* The run. */
#ifndef TIMELINE_MAX_STEPS
/* A .py loop of 1 000 000 iterations runs 2 000 001 lines and about 14
 * events a pass (issue 16: checked in under a second). */
#define TIMELINE_MAX_STEPS	3000000u	/* executed steps; record 0, the
						   set-up, comes on top */
#endif
#ifndef TIMELINE_MAX_LABELS
#define TIMELINE_MAX_LABELS	100000u		/* labels given in a run */
#endif
#ifndef TIMELINE_MAX_EVENTS
#define TIMELINE_MAX_EVENTS	30000000u
#endif
#define INTERP_MAX_DEPTH	200u		/* calls */
#ifndef INTERP_MAX_LIVE
#define INTERP_MAX_LIVE		1000000u
#endif
/* Items of one list or tuple made by + or * (as many as live objects). */
#ifndef INTERP_MAX_ITEMS
#define INTERP_MAX_ITEMS	1000000u
#endif
/* Work that is no event (objects visited by hashes and comparisons, list
 * items shifted): about a second's worth. */
#ifndef INTERP_MAX_WORK
#define INTERP_MAX_WORK		100000000u
#endif
/* All that print() writes in a run. */
#ifndef INTERP_MAX_OUTPUT
#define INTERP_MAX_OUTPUT	(16u * 1024u * 1024u)
#endif

#endif
