/*
 * anim.c: the moments of an event's animation, and a frame drawn at one.
 */
#include "config.h"

#include "sim/event.h"
#include "view/anim.h"

bool
anim_takes_away(const struct event *ev)
{
	struct event_reading r;

	event_read(NULL, ev, &r);
	if (r.frame_popped != EVENT_NO_FRAME)
		return true;
	for (uint8_t i = 0; i < r.removed_count; i++)
		if (scene_ref_animated(&r.removed[i]))
			return true;
	return false;
}

struct anim_moment
anim_moment_at(const struct timeline *t, uint64_t position, int permille)
{
	struct anim_moment m = { position, false, ANIM_SETTLED };

	if (position == 0 || position > t->event_count ||
	    permille >= ANIM_SETTLED)
		return m;
	if (permille < 0)
		permille = 0;
	if (!anim_takes_away(&t->events[position - 1])) {
		m.progress = permille;
		return m;
	}
	/* the first half fades out what goes, the second brings what comes */
	if (permille < ANIM_SETTLED / 2) {
		m.position = position - 1;
		m.ahead = true;
		m.progress = permille * 2;
	} else
		m.progress = (permille - ANIM_SETTLED / 2) * 2;
	return m;
}

void
anim_draw(struct canvas *c, struct heap *h, const struct timeline *t,
    const struct program *p, struct layout *l, const struct scene_options *so,
    struct picture_options *po, int permille)
{
	uint64_t		home = h->position;
	struct anim_moment	m = anim_moment_at(t, home, permille);
	struct scene_options	micro = *so;
	struct scene		s;

	/* the places for this screen's size: a column too tall for it is
	 * spread side by side */
	micro.plan_rows = picture_graph_rows(c->height, po);
	layout_plan(l, t, h, &micro);
	if (m.position != home)
		timeline_seek(t, h, m.position);
	/* while an event is animated it is the event that shows; once it
	 * has run, a step's end shows the step */
	micro.micro = m.progress < ANIM_SETTLED;
	if (m.ahead)
		scene_build_ahead(&s, h, t, p, &micro);
	else
		scene_build(&s, h, t, p, &micro);
	layout_place(l, &s);
	po->animating = m.progress < ANIM_SETTLED;
	po->progress = po->animating ? m.progress : 0;
	if (po->selected != OBJ_NULL && scene_find(&s, po->selected) == NULL &&
	    !m.ahead)
		po->selected = OBJ_NULL;	/* it is gone */
	picture_draw(c, &s, l, p, po);
	scene_free(&s);
	if (m.position != home)
		timeline_seek(t, h, home);
}
