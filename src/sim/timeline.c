/*
 * timeline.c: the recorded run -- events, step records, printed text.
 *
 * The heap is the only state; the timeline is the list of changes to it.
 * h->position says how many events are applied, so seeking is walking
 * that number to the target with event_apply / event_undo: the cost is the
 * distance, in either direction.  Step records nest (a call's body steps
 * lie inside the calling step's range), and their first events never
 * decrease with their number, which is what timeline_step_of relies on.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "sim/event.h"
#include "sim/heap.h"
#include "sim/timeline.h"

struct timeline *
timeline_new(bool retain)
{
	struct timeline *t;

	t = xcalloc(1, sizeof *t);
	t->retain = retain;
	return t;
}

void
timeline_free(struct timeline *t)
{
	if (t == NULL)
		return;
	xfree(t->events);
	xfree(t->steps);
	xfree(t->text);
	xfree(t->labels);
	xfree(t);
}

uint32_t
timeline_begin_step(struct timeline *t, uint32_t function, uint32_t source,
    uint32_t depth, uint32_t repetition, uint32_t parent)
{
	struct timeline_step *s;

	if (t->step_count >= TIMELINE_MAX_STEPS + 1)
		return UINT32_MAX;
	if (t->step_count == t->step_cap) {
		t->step_cap = t->step_cap == 0 ? 64 : t->step_cap * 2;
		t->steps = xreallocarray(t->steps, t->step_cap,
		    sizeof *t->steps);
	}
	s = &t->steps[t->step_count];
	memset(s, 0, sizeof *s);
	s->first_event = s->end_event = t->event_count;
	s->function = function;
	s->source = source;
	s->depth = depth;
	s->repetition = repetition;
	s->parent = parent;
	s->ordinal = depth == 0 || parent >= t->step_count ?
	    t->module_steps++ : t->steps[parent].ordinal;
	s->output_offset = (uint32_t)t->text_len;
	return t->step_count++;
}

void
timeline_end_step(struct timeline *t, uint32_t step)
{
	if (step < t->step_count)
		t->steps[step].end_event = t->event_count;
}

bool
timeline_emit(struct timeline *t, struct heap *h, const struct event *ev)
{
	struct event copy = *ev;
	const struct event *seen = &copy;

	if (t->event_count >= TIMELINE_MAX_EVENTS)
		return false;
	if (t->retain) {
		if (t->event_count == t->event_cap) {
			t->event_cap = t->event_cap == 0 ? 1024 :
			    t->event_cap * 2;
			t->events = xreallocarray(t->events,
			    (size_t)t->event_cap, sizeof *t->events);
		}
		t->events[t->event_count] = copy;
		event_apply_first(h, &t->events[t->event_count]);
		seen = &t->events[t->event_count];
	} else
		event_apply_first(h, &copy);
	t->event_count++;
	if (t->on_event != NULL)
		t->on_event(t->ctx, h, t, seen);
	return true;
}

bool
timeline_add_label(struct timeline *t, objid_t object, atom_t name)
{
	if (t->label_count >= TIMELINE_MAX_LABELS)
		return false;
	if (t->label_count == t->label_cap) {
		t->label_cap = t->label_cap ? t->label_cap * 2 : 16;
		t->labels = xreallocarray(t->labels, t->label_cap,
		    sizeof *t->labels);
	}
	t->labels[t->label_count++] = (struct timeline_label){
	    .position = t->event_count, .object = object, .name = name };
	return true;
}

atom_t
timeline_label_at(const struct timeline *t, objid_t object,
    uint64_t position)
{
	atom_t name = ATOM_NONE;

	for (uint32_t i = 0; i < t->label_count &&
	    t->labels[i].position <= position; i++)
		if (t->labels[i].object == object)
			name = t->labels[i].name;
	return name;
}

uint32_t
timeline_add_text(struct timeline *t, const char *text, size_t len)
{
	size_t need, offset = t->text_len;

	if (len > UINT32_MAX - 1 - t->text_len) {
		/* Offsets are 32 bits: more than 4 GiB of output is out of
		 * memory in all but name; take xalloc's fatal path. */
		t->text = xreallocarray(t->text, SIZE_MAX, 2);
	}
	need = t->text_len + len + 1;
	if (need > t->text_cap) {
		t->text_cap = t->text_cap < 256 ? 256 : t->text_cap;
		while (t->text_cap < need)
			t->text_cap *= 2;
		t->text = xrealloc(t->text, t->text_cap);
	}
	if (len != 0)
		memcpy(t->text + t->text_len, text, len);
	t->text_len += len;
	t->text[t->text_len] = '\0';
	return (uint32_t)offset;
}

void
timeline_seek(const struct timeline *t, struct heap *h, uint64_t position)
{
	if (!t->retain || position > t->event_count) {
		fprintf(stderr, "refscope: bug: seek to %llu of %llu "
		    "events%s\n", (unsigned long long)position,
		    (unsigned long long)t->event_count,
		    t->retain ? "" : " (not retained)");
		abort();
	}
	while (h->position < position)
		event_apply(h, &t->events[h->position]);
	while (h->position > position)
		event_undo(h, &t->events[h->position - 1]);
}

static bool
contains(const struct timeline_step *s, uint64_t position)
{
	return s->first_event <= position && position < s->end_event;
}

uint32_t
timeline_step_of(const struct timeline *t, uint64_t position)
{
	uint32_t lo = 0, hi = t->step_count, mid, s, top;

	if (t->step_count == 0)
		return 0;
	/* The last step that begins at or before position... */
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (t->steps[mid].first_event <= position)
			lo = mid;
		else
			hi = mid;
	}
	/* ...unless position lies after it ended (back in its caller,
	 * between two body steps): then the innermost earlier step still
	 * open at position, which lies between it and its module step,
	 * as ranges nest. */
	if (contains(&t->steps[lo], position))
		return lo;
	top = t->steps[lo].parent <= lo ? t->steps[lo].parent : 0;
	if (!contains(&t->steps[top], position))
		return lo;
	for (s = lo - 1; s > top; s--) {
		if (contains(&t->steps[s], position))
			return s;
	}
	return top;
}
