/*
 * machine.c: the run's state and its one writer.  Every change the modelled
 * interpreter makes goes through machine_emit, which hands the event to the
 * timeline (which applies it) and keeps the per-step tallies of frees.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>

#include "base/xalloc.h"
#include "sim/machine.h"

void
machine_init(struct machine *m, const struct program *p, struct heap *h,
    struct timeline *t)
{
	memset(m, 0, sizeof *m);
	m->program = p;
	m->heap = h;
	m->timeline = t;
}

void
machine_fini(struct machine *m)
{
	xfree(m->freed_counts);
	xfree(m->collected_counts);
	diag_free(m->error);
	m->error = NULL;
}

void
machine_fail(struct machine *m, struct diag *d)
{
	if (m->error == NULL)
		m->error = d;
	else
		diag_free(d);
	m->failed = true;
}

static void
tally(struct machine *m, uint32_t step, bool collected)
{
	if (step > TIMELINE_MAX_STEPS)
		return;		/* no such step: the timeline refused it */
	if (step >= m->counts_cap) {
		uint32_t cap = m->counts_cap ? m->counts_cap : 64;

		while (cap <= step)
			cap *= 2;
		m->freed_counts = xreallocarray(m->freed_counts, cap,
		    sizeof *m->freed_counts);
		m->collected_counts = xreallocarray(m->collected_counts, cap,
		    sizeof *m->collected_counts);
		memset(m->freed_counts + m->counts_cap, 0,
		    (cap - m->counts_cap) * sizeof *m->freed_counts);
		memset(m->collected_counts + m->counts_cap, 0,
		    (cap - m->counts_cap) * sizeof *m->collected_counts);
		m->counts_cap = cap;
	}
	if (collected)
		m->collected_counts[step]++;
	else
		m->freed_counts[step]++;
}

uint32_t
machine_freed_in(const struct machine *m, uint32_t step)
{
	return step < m->counts_cap ? m->freed_counts[step] : 0;
}

uint32_t
machine_collected_in(const struct machine *m, uint32_t step)
{
	return step < m->counts_cap ? m->collected_counts[step] : 0;
}

bool
machine_emit(struct machine *m, struct event ev)
{
	if (m->failed)
		return false;
	ev.step = m->step;
	if (!timeline_emit(m->timeline, m->heap, &ev)) {
		machine_fail(m, diag_new(m->program->scenario->file,
		    (struct srcpos){ 0, 0 }, DIAG_MALFORMED,
		    "the run produced more than %u events (the limit of "
		    "DESIGN §8)", TIMELINE_MAX_EVENTS));
		return false;
	}
	if (ev.kind == EV_FREE)
		tally(m, m->step, ev.reason == REASON_COLLECTOR);
	return true;
}

uint32_t
machine_top(const struct machine *m)
{
	return m->heap->stack_len - 1;
}
