/*
 * compare.c: two runs of one scenario under two CPython versions, set side
 * by side step by step (compare.h).
 *
 * A step's differences are of two sorts.  What the heap holds at the
 * step's end (each name's count and tracking, which names share an
 * object, the thresholds) is a state, which may hold on for many steps:
 * it is reported where it appears or changes.  What the step did (its
 * frees, its collections, its output) is reported at that step.  Each is
 * put down to the first rule of its candidates (a table below) by which
 * the two versions differ.
 */
#include "config.h"

#include <inttypes.h>
#include <string.h>

#include "base/atom.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "run/compare.h"
#include "sim/event.h"
#include "sim/heap.h"
#include "sim/timeline.h"

/* Names compared for identity (each pair of them): a step's frames may
 * hold more, whose identities go unsaid. */
#define COMPARE_MAX_SHARED	64

/* What one name refers to at a step's end, in one run. */
struct name_info {
	char		*key;		/* "x", or "x in f" in a function */
	objid_t		 id;
	int64_t		 count;		/* what sys.getrefcount counts */
	bool		 immortal;
	bool		 cached;	/* shared by the interpreter */
	bool		 container;
	bool		 tracked;
	uint8_t		 gen;
};

struct snapshot {
	struct name_info *names;	/* owned */
	uint32_t	 count;
};

/* A state difference of the step before, to say it only once. */
struct held {
	struct compare_diff *diffs;	/* owned copies (step unused) */
	uint32_t	 count;
};

/* The candidates for each sort of difference, the likeliest first. */
static const enum version_rule count_rules[] = { VRULE_CONSTANTS,
    VRULE_FOLDED, VRULE_LETTERS, VRULE_REVERSED, VRULE_COLLECTOR,
    VRULE_TRACKING, VRULE_NONE };
/* a name bound on one side only, at a step the two share: a frame
 * letting its locals go in another order (a __del__ runs meanwhile) */
static const enum version_rule bound_rules[] = { VRULE_LOCALS_ORDER,
    VRULE_NONE };
static const enum version_rule shared_rules[] = { VRULE_LETTERS,
    VRULE_CONSTANTS, VRULE_NONE };
static const enum version_rule free_rules[] = { VRULE_PACKED,
    VRULE_REVERSED, VRULE_CONSTANTS, VRULE_LETTERS, VRULE_TRACKING,
    VRULE_THRESHOLDS, VRULE_COLLECTOR, VRULE_LOCALS_ORDER, VRULE_NONE };
static const enum version_rule collect_rules[] = { VRULE_THRESHOLDS,
    VRULE_COLLECTOR, VRULE_TRACKING, VRULE_GEN_CLOSE, VRULE_NONE };
/* a printed difference by no call above: the likeliest rule that differs
 * (an immortal's figure is told by the figure itself) */
static const enum version_rule any_rules[] = { VRULE_BORROWED,
    VRULE_REVERSED, VRULE_SUM, VRULE_LETTERS, VRULE_CONSTANTS,
    VRULE_THRESHOLDS, VRULE_TRACKING, VRULE_COLLECTOR, VRULE_MESSAGES,
    VRULE_LOCALS_ORDER, VRULE_NONE };

/* What a line that printed differently called, and the rules that change
 * what that call says, the likeliest first (sys.getrefcount's is decided
 * by the figure it printed: see output_rule). */
static const struct {
	const char		*call;
	enum version_rule	 rules[6];
} output_calls[] = {
	{ "getrefcount", { VRULE_BORROWED, VRULE_CONSTANTS, VRULE_FOLDED,
	    VRULE_LETTERS, VRULE_REVERSED, VRULE_NONE } },
	{ "sum(", { VRULE_SUM, VRULE_NONE } },
	{ "get_threshold", { VRULE_THRESHOLDS, VRULE_NONE } },
	{ "is_tracked", { VRULE_TRACKING, VRULE_NONE } },
	{ "get_count", { VRULE_TRACKING, VRULE_THRESHOLDS, VRULE_COLLECTOR,
	    VRULE_NONE } },
	{ "get_objects", { VRULE_TRACKING, VRULE_COLLECTOR, VRULE_NONE } },
	{ "collect", { VRULE_COLLECTOR, VRULE_TRACKING, VRULE_THRESHOLDS,
	    VRULE_NONE } },
	{ " is ", { VRULE_LETTERS, VRULE_CONSTANTS, VRULE_NONE } },
};

/* The first rule of the list (ended by VRULE_NONE) by which the two
 * versions differ; a count or a free in a scenario with a `with` is put
 * down to how each keeps __exit__ first, where they differ so. */
static enum version_rule
first_rule(const struct compare *c, const enum version_rule *list)
{
	if (c->uses_with && (list == count_rules || list == free_rules) &&
	    version_rule_differs(VRULE_WITH, c->version[0], c->version[1]))
		return VRULE_WITH;
	for (; *list != VRULE_NONE; list++)
		if (version_rule_differs(*list, c->version[0], c->version[1]))
			return *list;
	return VRULE_NONE;
}

static struct compare_diff *
add_diff(struct compare *c, uint32_t step, const char *what, char *a,
    char *b, enum version_rule rule)
{
	struct compare_diff *d;

	if (c->count == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 16;
		c->diffs = xreallocarray(c->diffs, c->cap, sizeof *c->diffs);
	}
	d = &c->diffs[c->count++];
	d->step = step;
	d->what = xstrdup(what);
	d->a = a;
	d->b = b;
	d->rule = rule;
	d->key = NULL;
	return d;
}

static void
snapshot_free(struct snapshot *s)
{
	for (uint32_t i = 0; i < s->count; i++)
		xfree(s->names[i].key);
	xfree(s->names);
	memset(s, 0, sizeof *s);
}

/* The names of h's frames, outermost first, and what each refers to. */
static void
snapshot_take(struct snapshot *s, const struct heap *h)
{
	memset(s, 0, sizeof *s);
	for (uint32_t f = 0; f < h->frame_count; f++) {
		const struct frame	*fr = &h->frames[f];
		const char		*fn = NULL;
		uint32_t		 call = 0, calls = 0;

		/* a recursive function's frames: its names once per call */
		for (uint32_t g = 0; g < h->frame_count; g++)
			if (h->frames[g].function == fr->function) {
				calls++;
				if (g < f)
					call++;
			}
		if (fr->function != OBJ_NULL &&
		    heap_object(h, fr->function)->type == OBJ_FUNCTION)
			fn = atom_name(heap_object(h,
			    fr->function)->as.fn->name);
		for (uint32_t i = 0; i < fr->name_count; i++) {
			objid_t			 id = fr->names[i].value;
			const struct object	*o;
			struct name_info	*n;
			struct strbuf		 key = STRBUF_INIT;
			const char		*name;

			if (id == OBJ_NULL)
				continue;
			o = heap_object(h, id);
			name = atom_name(fr->names[i].name);
			strbuf_append_visible(&key, name, strlen(name), 0);
			if (fn != NULL) {
				strbuf_puts(&key, " in ");
				strbuf_append_visible(&key, fn, strlen(fn), 0);
				if (calls > 1)
					strbuf_printf(&key, " (call %u)",
					    call + 1);
			}
			s->names = xreallocarray(s->names, s->count + 1,
			    sizeof *s->names);
			n = &s->names[s->count++];
			n->key = strbuf_detach(&key);
			n->id = id;
			n->count = version_refcount(h, id);
			n->immortal = version_immortal(h, id);
			n->cached = (o->flags & OBJF_CACHED) != 0;
			n->container = heap_type_is_container(
			    (enum obj_type)o->type);
			n->tracked = (o->flags & OBJF_TRACKED) != 0;
			n->gen = o->gen;
		}
	}
}

static const struct name_info *
snapshot_find(const struct snapshot *s, const char *key)
{
	for (uint32_t i = 0; i < s->count; i++)
		if (strcmp(s->names[i].key, key) == 0)
			return &s->names[i];
	return NULL;
}

static char *
count_text(const struct name_info *n)
{
	if (n == NULL)
		return xstrdup("not bound");
	if (n->immortal)
		return xasprintf("immortal (getrefcount %" PRId64 ")",
		    n->count);
	/* before 3.12 every use anywhere in the interpreter counts: the
	 * model knows the scenario's only */
	if (n->cached)
		return xstrdup("shared by the whole interpreter");
	return xasprintf("%" PRId64, n->count);
}

static char *
tracking_text(const struct name_info *n)
{
	if (!n->tracked)
		return xstrdup("untracked");
	return xasprintf("tracked, generation %u", (unsigned)n->gen);
}

/* The state at this step's end that differs: into `now` (caller frees
 * each diff's strings), not yet reported. */
static void
state_diffs(struct compare *c, const struct heap *ha, const struct heap *hb,
    const struct snapshot *sa, const struct snapshot *sb, struct held *now)
{
	struct compare	 tmp;

	memset(&tmp, 0, sizeof tmp);
	tmp.version[0] = c->version[0];
	tmp.version[1] = c->version[1];
	/* each name's count, then whether the collector tracks it */
	for (int side = 0; side < 2; side++) {
		const struct snapshot *one = side ? sb : sa;
		const struct snapshot *other = side ? sa : sb;

		for (uint32_t i = 0; i < one->count; i++) {
			const struct name_info *n = &one->names[i];
			const struct name_info *m = snapshot_find(other,
			    n->key);
			const struct name_info *x = side ? m : n;
			const struct name_info *y = side ? n : m;
			char *what;

			if (m != NULL && side)
				continue;	/* said from the first side */
			if (m == NULL || n->immortal != m->immortal ||
			    (n->cached && m->cached ? n->immortal &&
			    n->count != m->count : n->count != m->count)) {
				struct compare_diff *d;

				what = xasprintf("count of %s", n->key);
				d = add_diff(&tmp, 0, what, count_text(x),
				    count_text(y), x != NULL && y != NULL &&
				    (x->immortal || y->immortal) ?
				    VRULE_IMMORTAL : m == NULL ?
				    first_rule(c, bound_rules) :
				    first_rule(c, count_rules));
				/* immortal on one side only: the same
				 * difference however the other's count
				 * moves */
				if (m != NULL && n->immortal != m->immortal)
					d->key = xasprintf("%s immortal on %d",
					    what, x->immortal ? 0 : 1);
				xfree(what);
			}
			if (m != NULL && n->container && m->container &&
			    (n->tracked != m->tracked || (n->tracked &&
			    n->gen != m->gen))) {
				what = xasprintf("collector's %s", n->key);
				add_diff(&tmp, 0, what, tracking_text(n),
				    tracking_text(m), n->tracked != m->tracked ?
				    VRULE_TRACKING : VRULE_COLLECTOR);
				xfree(what);
			}
		}
	}
	/* which names share an object */
	for (uint32_t i = 0; i < sa->count && i < COMPARE_MAX_SHARED; i++) {
		for (uint32_t j = i + 1; j < sa->count &&
		    j < COMPARE_MAX_SHARED; j++) {
			const struct name_info *x = snapshot_find(sb,
			    sa->names[i].key);
			const struct name_info *y = snapshot_find(sb,
			    sa->names[j].key);
			bool same_a = sa->names[i].id == sa->names[j].id;
			char *what;

			if (x == NULL || y == NULL || same_a == (x->id == y->id))
				continue;
			what = xasprintf("%s is %s", sa->names[i].key,
			    sa->names[j].key);
			add_diff(&tmp, 0, what, xstrdup(same_a ? "True" :
			    "False"), xstrdup(same_a ? "False" : "True"),
			    first_rule(c, shared_rules));
			xfree(what);
		}
	}
	/* the collector's thresholds */
	if (ha->gens[0].threshold != hb->gens[0].threshold ||
	    ha->gens[1].threshold != hb->gens[1].threshold ||
	    ha->gens[2].threshold != hb->gens[2].threshold)
		add_diff(&tmp, 0, "gc.get_threshold()",
		    xasprintf("(%u, %u, %u)", ha->gens[0].threshold,
		    ha->gens[1].threshold, ha->gens[2].threshold),
		    xasprintf("(%u, %u, %u)", hb->gens[0].threshold,
		    hb->gens[1].threshold, hb->gens[2].threshold),
		    VRULE_THRESHOLDS);
	now->diffs = tmp.diffs;
	now->count = tmp.count;
}

static bool
held_has(const struct held *h, const struct compare_diff *d)
{
	for (uint32_t i = 0; i < h->count; i++) {
		const struct compare_diff *e = &h->diffs[i];

		if (d->key != NULL ? e->key != NULL &&
		    strcmp(e->key, d->key) == 0 :
		    e->key == NULL && strcmp(e->what, d->what) == 0 &&
		    strcmp(e->a, d->a) == 0 && strcmp(e->b, d->b) == 0)
			return true;
	}
	return false;
}

/* Frees n diffs from d, and the array. */
static void
diffs_free(struct compare_diff *d, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		xfree(d[i].what);
		xfree(d[i].a);
		xfree(d[i].b);
		xfree(d[i].key);
	}
	xfree(d);
}

static void
held_free(struct held *h)
{
	diffs_free(h->diffs, h->count);
	memset(h, 0, sizeof *h);
}

/* What step k of run r did itself (its events, not its callees'): the
 * objects it freed, in order, each by its type and the name it last had
 * at a step's end (names: object id -> that name, updated here); its
 * collections; its output. */
struct step_acts {
	struct strbuf	 freed;
	struct strbuf	 collected;
	uint32_t	 collections;
	struct strbuf	 output;
};

static void
step_acts(const struct compare *c, int side, struct run *r, uint32_t k,
    char **names, struct step_acts *acts)
{
	const struct timeline_step	*ts = &r->timeline->steps[k];
	uint32_t			 row = c->row_of[side][k];
	struct event_reading		 rd;

	memset(acts, 0, sizeof *acts);
	for (uint64_t e = ts->first_event; e < ts->end_event; e++) {
		const struct event *ev = &r->timeline->events[e];

		uint32_t at, len;

		/* its own, and those of the steps in it that have no row */
		if (ev->step != k && (c->row_of[side][ev->step] !=
		    COMPARE_NO_ROW || compare_row(c, side, ev->step) != row))
			continue;
		if (event_output(ev, &at, &len))
			strbuf_append(&acts->output, timeline_text(r->timeline,
			    at), len);
		if (ev->kind != EV_FREE && ev->kind != EV_GC_END)
			continue;
		event_read(NULL, ev, &rd);
		if (rd.freed != OBJ_NULL) {
			if (acts->freed.len > 0)
				strbuf_puts(&acts->freed, ", ");
			strbuf_puts(&acts->freed, heap_type_name(r->heap,
			    rd.freed));
			if (names[rd.freed] != NULL)
				strbuf_printf(&acts->freed, " %s",
				    names[rd.freed]);
			if (rd.by_collector)
				strbuf_puts(&acts->freed, " (collector)");
		}
		if (rd.collection == EVENT_COLLECTION_END) {
			if (acts->collected.len > 0)
				strbuf_puts(&acts->collected, "; ");
			strbuf_printf(&acts->collected, "generation %u: %u "
			    "unreachable", rd.generation, rd.collected);
			acts->collections++;
		}
	}
}

static void
step_acts_free(struct step_acts *acts)
{
	strbuf_free(&acts->freed);
	strbuf_free(&acts->collected);
	strbuf_free(&acts->output);
}

static char *
visible_text(const char *text, size_t len, const char *none)
{
	struct strbuf sb = STRBUF_INIT;

	if (len == 0)
		return xstrdup(none);
	strbuf_putc(&sb, '"');
	strbuf_append_visible(&sb, text, len, 0);
	strbuf_putc(&sb, '"');
	return strbuf_detach(&sb);
}

/* Whether the len bytes at text hold the figure n. */
static bool
prints_figure(const char *text, size_t len, int64_t n)
{
	char	 fig[24];
	size_t	 k = (size_t)snprintf(fig, sizeof fig, "%" PRId64, n);

	for (size_t i = 0; i + k <= len; i++)
		if (memcmp(text + i, fig, k) == 0)
			return true;
	return false;
}

/* The rule behind a step that printed differently, by what its line
 * calls: an immortal's figure printed is the immortal rule. */
static enum version_rule
output_rule(const struct compare *c, const struct scenario_step *src,
    const struct step_acts *x, const struct step_acts *y)
{
	const char	*code = src != NULL ? src->code.value : NULL;
	size_t		 len = src != NULL ? src->code.len : 0;

	for (int side = 0; side < 2; side++) {
		const struct version_rules *vr = version_rules(c->version[side]);
		const struct step_acts *s = side ? y : x;

		if (vr->immortal && prints_figure(strbuf_str(&s->output),
		    s->output.len, vr->immortal_count))
			return VRULE_IMMORTAL;
	}
	/* a weakref's repr names a library's class one way or the other */
	if (strstr(strbuf_str(&x->output), "<weakref at ") != NULL &&
	    version_rule_differs(VRULE_MESSAGES, c->version[0],
	    c->version[1]))
		return VRULE_MESSAGES;
	for (size_t i = 0; code != NULL &&
	    i < sizeof output_calls / sizeof output_calls[0]; i++) {
		size_t k = strlen(output_calls[i].call);

		for (size_t j = 0; j + k <= len; j++)
			if (memcmp(code + j, output_calls[i].call, k) == 0 &&
			    first_rule(c, output_calls[i].rules) != VRULE_NONE)
				return first_rule(c, output_calls[i].rules);
	}
	return first_rule(c, any_rules);
}

/* Whether the step of row k in run side holds steps the other run does
 * not make (3.11's comprehension frames). */
static bool
holds_unpaired(const struct compare *c, int side, uint32_t k)
{
	uint32_t s = c->step_of[side][k] + 1;

	return c->row_of[side][s] == COMPARE_NO_ROW &&
	    (k + 1 >= c->steps || s < c->step_of[side][k + 1]);
}

/* What the two runs' steps of row k did that differs. */
static void
act_diffs(struct compare *c, struct run *a, struct run *b, uint32_t k,
    char **names_a, char **names_b)
{
	struct step_acts		 x, y;
	bool				 inlined;
	const struct timeline_step	*ts = &a->timeline->steps[
					    c->step_of[0][k]];
	const struct scenario_step	*src = program_step_source(a->program,
	    ts->function, ts->source);

	step_acts(c, 0, a, c->step_of[0][k], names_a, &x);
	step_acts(c, 1, b, c->step_of[1][k], names_b, &y);
	/* a comprehension's own frame in one run only: its function, its
	 * frees, are the inlining's */
	inlined = (holds_unpaired(c, 0, k) || holds_unpaired(c, 1, k)) &&
	    version_rule_differs(VRULE_INLINED, c->version[0], c->version[1]);
	if (strcmp(strbuf_str(&x.freed), strbuf_str(&y.freed)) != 0)
		add_diff(c, k, "freed", xstrdup(x.freed.len ?
		    strbuf_str(&x.freed) : "nothing"), xstrdup(y.freed.len ?
		    strbuf_str(&y.freed) : "nothing"), x.collections +
		    y.collections > 0 ? first_rule(c, collect_rules) :
		    inlined ? VRULE_INLINED : first_rule(c, free_rules));
	if (strcmp(strbuf_str(&x.collected), strbuf_str(&y.collected)) != 0)
		add_diff(c, k, "collections", xstrdup(x.collected.len ?
		    strbuf_str(&x.collected) : "none"),
		    xstrdup(y.collected.len ? strbuf_str(&y.collected) :
		    "none"), x.collections != y.collections ?
		    first_rule(c, collect_rules) :
		    version_rule_differs(VRULE_COLLECTOR, c->version[0],
		    c->version[1]) ? VRULE_COLLECTOR : first_rule(c,
		    collect_rules));
	if (x.output.len != y.output.len || memcmp(strbuf_str(&x.output),
	    strbuf_str(&y.output), x.output.len) != 0)
		add_diff(c, k, "output", visible_text(strbuf_str(&x.output),
		    x.output.len, "nothing"), visible_text(strbuf_str(
		    &y.output), y.output.len, "nothing"),
		    output_rule(c, src, &x, &y));
	step_acts_free(&x);
	step_acts_free(&y);
}

/* Notes the name each named object has at this step's end (the first
 * name, outermost frame first), for the frees of later steps. */
static void
note_names(char **names, const struct snapshot *s)
{
	for (uint32_t i = s->count; i-- > 0;) {
		xfree(names[s->names[i].id]);
		names[s->names[i].id] = xstrdup(s->names[i].key);
	}
}

/* Whether the program has a `with` statement (its line's step). */
static bool
uses_with(const struct program *p)
{
	for (uint32_t k = 0; k < p->step_count; k++)
		if (p->steps[k].source->with_exits != 0)
			return true;
	for (uint32_t f = 0; f < p->function_count; f++)
		for (uint32_t k = 0; k < p->functions[f].body_count; k++)
			if (p->functions[f].body[k].source->with_exits != 0)
				return true;
	return false;
}

static bool
same_step(const struct timeline_step *x, const struct timeline_step *y)
{
	return x->function == y->function && x->source == y->source &&
	    x->depth == y->depth && x->repetition == y->repetition;
}

/*
 * Pairs the two timelines' steps in rows, in order.  Where one run has a
 * step deeper than the other's next one, it is a step the other version
 * does not make (3.11's comprehension frame): it gets no row.  Any other
 * mismatch is a parting: the runs took different paths.
 */
static void
pair_steps(struct compare *c, const struct timeline *ta,
    const struct timeline *tb)
{
	uint32_t ka = 0, kb = 0;

	c->step_of[0] = xcalloc((size_t)ta->step_count + 1, sizeof(uint32_t));
	c->step_of[1] = xcalloc((size_t)tb->step_count + 1, sizeof(uint32_t));
	c->row_of[0] = xcalloc((size_t)ta->step_count + 1, sizeof(uint32_t));
	c->row_of[1] = xcalloc((size_t)tb->step_count + 1, sizeof(uint32_t));
	for (uint32_t k = 0; k < ta->step_count; k++)
		c->row_of[0][k] = COMPARE_NO_ROW;
	for (uint32_t k = 0; k < tb->step_count; k++)
		c->row_of[1][k] = COMPARE_NO_ROW;
	while (ka < ta->step_count && kb < tb->step_count) {
		const struct timeline_step *x = &ta->steps[ka];
		const struct timeline_step *y = &tb->steps[kb];

		if (same_step(x, y)) {
			c->step_of[0][c->steps] = ka;
			c->step_of[1][c->steps] = kb;
			c->row_of[0][ka++] = c->steps;
			c->row_of[1][kb++] = c->steps++;
		} else if (x->depth > y->depth)
			ka++;
		else if (y->depth > x->depth)
			kb++;
		else {
			c->parted = true;
			break;
		}
	}
	c->more[0] = ta->step_count - ka;
	c->more[1] = tb->step_count - kb;
}

uint32_t
compare_row(const struct compare *c, int side, uint32_t k)
{
	/* a step with no row is in the paired step before it that is
	 * still open: its parent's, or a call's begun after it */
	for (uint32_t j = k + 1; j-- > 0;) {
		if (c->row_of[side] == NULL)
			return COMPARE_NO_ROW;
		if (c->row_of[side][j] != COMPARE_NO_ROW)
			return c->row_of[side][j];
	}
	return COMPARE_NO_ROW;
}

void
compare_runs(struct compare *c, struct run *a, struct run *b)
{
	const struct timeline	*ta = a->timeline, *tb = b->timeline;
	struct held		 before = { 0 }, now;
	char			**names[2];

	memset(c, 0, sizeof *c);
	c->version[0] = a->heap->python;
	c->version[1] = b->heap->python;
	c->uses_with = uses_with(a->program);
	pair_steps(c, ta, tb);
	c->first = xcalloc((size_t)c->steps + 1, sizeof *c->first);
	names[0] = xcalloc((size_t)a->heap->object_count + 1, sizeof(char *));
	names[1] = xcalloc((size_t)b->heap->object_count + 1, sizeof(char *));
	for (uint32_t k = 0; k < c->steps; k++) {
		struct snapshot sa, sb;
		uint32_t	from = c->count;

		c->first[k] = c->count;
		timeline_seek(ta, a->heap, ta->steps[c->step_of[0][k]].end_event);
		timeline_seek(tb, b->heap, tb->steps[c->step_of[1][k]].end_event);
		snapshot_take(&sa, a->heap);
		snapshot_take(&sb, b->heap);
		state_diffs(c, a->heap, b->heap, &sa, &sb, &now);
		for (uint32_t i = 0; i < now.count; i++)
			if (!held_has(&before, &now.diffs[i]))
				add_diff(c, k, now.diffs[i].what,
				    xstrdup(now.diffs[i].a),
				    xstrdup(now.diffs[i].b),
				    now.diffs[i].rule);
		held_free(&before);
		before = now;
		act_diffs(c, a, b, k, names[0], names[1]);
		note_names(names[0], &sa);
		note_names(names[1], &sb);
		snapshot_free(&sa);
		snapshot_free(&sb);
		if (c->count > from)
			c->steps_differ++;
	}
	c->first[c->steps] = c->count;
	held_free(&before);
	for (uint32_t i = 0; i <= a->heap->object_count; i++)
		xfree(names[0][i]);
	for (uint32_t i = 0; i <= b->heap->object_count; i++)
		xfree(names[1][i]);
	xfree(names[0]);
	xfree(names[1]);
	timeline_seek(ta, a->heap, ta->event_count);
	timeline_seek(tb, b->heap, tb->event_count);
}

const struct compare_diff *
compare_step(const struct compare *c, uint32_t k, uint32_t *n)
{
	if (k >= c->steps) {
		*n = 0;
		return NULL;
	}
	*n = c->first[k + 1] - c->first[k];
	return &c->diffs[c->first[k]];
}

void
compare_diff_text(const struct compare *c, const struct compare_diff *d,
    struct strbuf *out)
{
	strbuf_printf(out, "%s: %s on %s, %s on %s", d->what, d->a,
	    pyversion_name(c->version[0]), d->b,
	    pyversion_name(c->version[1]));
}

void
compare_free(struct compare *c)
{
	diffs_free(c->diffs, c->count);
	xfree(c->first);
	for (int side = 0; side < 2; side++) {
		xfree(c->step_of[side]);
		xfree(c->row_of[side]);
	}
	memset(c, 0, sizeof *c);
}

int
compare_load_pair(struct run pair[2], const char *path, bool regular_only,
    const enum py_version v[2], int *failed)
{
	memset(pair, 0, 2 * sizeof *pair);
	for (int i = 0; i < 2; i++) {
		*failed = i;
		if (run_load_file_as(&pair[i], path, regular_only, v[i]) != 0)
			return -1;
		if (run_execute(&pair[i], true, NULL, NULL, NULL) != 0 &&
		    run_status(&pair[i]) == 2)
			return -1;
	}
	return 0;
}
