/*
 * quiz.c: the questions of a run (quiz.h).
 *
 * Every answer comes from the run itself: an ask: line's value as the
 * interpreter recorded it where its step ended (interp_result.answers),
 * and for the questions made here, the step's events (what was freed, by
 * whom, what was printed) and the heap moved to the step's start and end
 * (counts, names).  Nothing is computed twice: a count is the heap's, an
 * order of frees is the timeline's.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "base/xalloc.h"
#include "run/quiz.h"
#include "sim/event.h"

/* Longest printed text a question asks for: a line or three, as a
 * student would write it down. */
#define QUIZ_MAX_PRINTED	80
#define QUIZ_OBJECT_CHARS	24	/* a repr in an object's text */

static struct quiz_question *
add_question(struct quiz *q, enum quiz_kind kind, uint32_t step,
    const struct run *r)
{
	const struct timeline_step *ts = &r->timeline->steps[step];
	const struct scenario_step *src = program_step_source(r->program,
	    ts->function, ts->source);
	struct quiz_question *qq;

	if (q->count % 16 == 0)
		q->questions = xreallocarray(q->questions, q->count + 16,
		    sizeof *q->questions);
	qq = &q->questions[q->count++];
	memset(qq, 0, sizeof *qq);
	qq->kind = kind;
	qq->step = step;
	qq->ordinal = ts->ordinal;
	qq->code = src != NULL ? &src->code : NULL;
	qq->before = -1;
	return qq;
}

/* "list #3 [1000, 2000]", or "node 1 (list #3)" for a labelled one, as
 * the heap stands (the object alive). */
static char *
object_text(const struct run *r, objid_t id)
{
	struct strbuf	sb = STRBUF_INIT;
	atom_t		label = timeline_label_at(r->timeline, id,
			    r->heap->position);

	if (label != ATOM_NONE)
		strbuf_printf(&sb, "%s (%s #%u)", atom_name(label),
		    heap_type_name(r->heap, id), (unsigned)id);
	else {
		struct strbuf repr = STRBUF_INIT;

		strbuf_printf(&sb, "%s #%u", heap_type_name(r->heap, id),
		    (unsigned)id);
		heap_repr(r->heap, id, false, QUIZ_OBJECT_CHARS + 1, &repr);
		/* a value says which object; a long repr says nothing */
		if (repr.len <= QUIZ_OBJECT_CHARS && repr.data[0] != '<')
			strbuf_printf(&sb, " %s", strbuf_str(&repr));
		strbuf_free(&repr);
	}
	return strbuf_detach(&sb);
}

/* Whether the reading adds (+1) or removes (-1) a lasting reference to
 * o -- one held by a name, a container or a frame, not the evaluation
 * stack's passing ones -- or neither (0). */
static int
lasting_change(const struct event_reading *rd, objid_t o)
{
	for (unsigned k = 0; k < rd->added_count; k++)
		if (rd->added[k].target == o && rd->added[k].site != SITE_STACK)
			return 1;
	for (unsigned k = 0; k < rd->removed_count; k++)
		if (rd->removed[k].target == o &&
		    rd->removed[k].site != SITE_STACK)
			return -1;
	return 0;
}

/* Up to three reasons for the step's lasting changes to o's references,
 * in the events' own words ("+1 bound to y; -1 item [1] of #7 dropped"),
 * joined by "; "; NULL when there is none. */
static char *
reasons_for(const struct run *r, uint32_t step, objid_t o)
{
	const struct timeline_step *ts = &r->timeline->steps[step];
	struct strbuf	sb = STRBUF_INIT;
	struct event_reading rd;
	unsigned	n = 0;
	int		change;

	for (uint64_t i = ts->first_event; i < ts->end_event && n < 3; i++) {
		const struct event *ev = &r->timeline->events[i];

		event_read(NULL, ev, &rd);
		if ((change = lasting_change(&rd, o)) == 0)
			continue;
		timeline_seek(r->timeline, r->heap, i + 1);
		strbuf_printf(&sb, "%s%s ", n++ > 0 ? "; " : "",
		    change > 0 ? "+1" : "-1");
		event_describe(r->heap, ev, &sb);
	}
	if (n == 0) {
		strbuf_free(&sb);
		return NULL;
	}
	return strbuf_detach(&sb);
}

/* How many bindings of any frame hold o, as the heap stands. */
static uint32_t
names_of(const struct heap *h, objid_t o)
{
	uint32_t n = 0;

	for (uint32_t f = 0; f < h->frame_count; f++)
		for (uint32_t b = 0; b < h->frames[f].name_count; b++)
			n += h->frames[f].names[b].value == o;
	return n;
}

/* ---- authored questions ---- */

static const char *
truth_form(const struct expect *x)
{
	return x->kind == EXPECT_IS_NOT ? "is not" : "is";
}

static char *
asked_text(const struct expect *x)
{
	char	*s = x->subject ? ast_expr_text(x->subject) : NULL;
	char	*o = x->other ? ast_expr_text(x->other) : NULL;
	char	*text;

	switch (x->kind) {
	case EXPECT_REFCOUNT:
		text = xasprintf("What is the reference count of %s after "
		    "this line?", s);
		break;
	case EXPECT_GEN:
		text = xasprintf("Which collector generation is %s in after "
		    "this line?", s);
		break;
	case EXPECT_IS:
	case EXPECT_IS_NOT:
		text = xasprintf("After this line, is `%s %s %s` True?", s,
		    truth_form(x), o);
		break;
	case EXPECT_ALIVE:
		text = xasprintf("Is the object %s names still alive after "
		    "this line?", s);
		break;
	case EXPECT_HEAP:
		text = xstrdup("How many objects are alive after this line?");
		break;
	case EXPECT_FREED:
		text = xstrdup("How many objects does reference counting "
		    "free in this line?");
		break;
	default:
		text = xstrdup("How many objects does the collector free in "
		    "this line?");
		break;
	}
	xfree(s);
	xfree(o);
	return text;
}

static void
authored(struct run *r, struct quiz *q)
{
	const struct interp_result *res = &r->result;

	for (uint32_t i = 0; i < res->answer_count; i++) {
		const struct interp_answer *a = &res->answers[i];
		const struct expect *x = a->asked->ask;
		struct quiz_question *qq;
		bool seen = false;

		/* a line in a loop: asked the first time it runs */
		for (uint32_t k = 0; k < q->count && !seen; k++)
			seen = q->questions[k].code == &a->asked->source->code;
		if (seen)
			continue;
		qq = add_question(q, ask_is_truth(x) ? QUIZ_TRUTH :
		    QUIZ_NUMBER, a->step, r);
		qq->code = &a->asked->source->code;
		qq->authored = true;
		qq->text = asked_text(x);
		qq->check = xstrdup(a->asked->source->ask.value);
		qq->number = a->value;
		if (x->kind == EXPECT_REFCOUNT && x->subject->kind == EXPR_NAME) {
			const struct timeline_step *ts =
			    &r->timeline->steps[a->step];
			objid_t o;
			uint32_t b;

			timeline_seek(r->timeline, r->heap, ts->end_event);
			if (heap_lookup_name(r->heap, 0, x->subject->as.name,
			    &b, &o) && o != OBJ_NULL) {
				qq->names = names_of(r->heap, o);
				qq->why = reasons_for(r, a->step, o);
				timeline_seek(r->timeline, r->heap,
				    ts->first_event);
				if (heap_alive(r->heap, o))
					qq->before = heap_object(r->heap,
					    o)->refcount;
			}
		}
	}
}

/* ---- questions made from the events ---- */

/* What a module step did, read from its events. */
struct step_facts {
	objid_t		*freed;		/* by reference counting, in order */
	uint32_t	 freed_count;
	objid_t		*collected;	/* by the collector */
	uint32_t	 collected_count;
	bool		 collection;	/* a collection ran */
	struct strbuf	 printed;
};

static void
push_id(objid_t **a, uint32_t *n, objid_t id)
{
	if (*n % 16 == 0)
		*a = xreallocarray(*a, *n + 16, sizeof **a);
	(*a)[(*n)++] = id;
}

/*
 * Reads a step's frees and output.  An object the step itself made and
 * freed -- an argument tuple, a temporary -- is no question: only objects
 * alive when the line starts are listed.  Leaves the heap at the start.
 */
static void
read_step(const struct run *r, const struct timeline_step *ts,
    struct step_facts *f)
{
	struct event_reading rd;

	memset(f, 0, sizeof *f);
	timeline_seek(r->timeline, r->heap, ts->first_event);
	f->printed = (struct strbuf)STRBUF_INIT;
	for (uint64_t i = ts->first_event; i < ts->end_event; i++) {
		const struct event *ev = &r->timeline->events[i];
		uint32_t at, len;

		if (event_output(ev, &at, &len)) {
			strbuf_append(&f->printed, timeline_text(r->timeline,
			    at), len);
			continue;
		}
		if (event_collection(ev) != EVENT_COLLECTION_NONE)
			f->collection = true;
		if (ev->kind != EV_FREE)
			continue;
		event_read(NULL, ev, &rd);
		if (!heap_alive(r->heap, rd.freed))
			continue;
		if (rd.by_collector)
			push_id(&f->collected, &f->collected_count, rd.freed);
		else
			push_id(&f->freed, &f->freed_count, rd.freed);
	}
}

/* Whether what was printed is one line short enough to ask for. */
static bool
askable_output(const struct strbuf *s)
{
	const char *nl = s->len > 0 ? memchr(s->data, '\n', s->len) : NULL;

	return s->len > 0 && s->len <= QUIZ_MAX_PRINTED &&
	    (nl == NULL || nl == s->data + s->len - 1);
}

/* The objects ids, with their texts as the heap stands (step start). */
static void
take_objects(const struct run *r, struct quiz_question *qq, objid_t *ids,
    uint32_t n)
{
	qq->objects = ids;
	qq->object_count = n;
	qq->object_texts = xcalloc(n > 0 ? n : 1, sizeof *qq->object_texts);
	for (uint32_t i = 0; i < n; i++)
		qq->object_texts[i] = object_text(r, ids[i]);
}

static bool
is_del(const struct text *code)
{
	return code != NULL && code->value != NULL && code->len > 4 &&
	    memcmp(code->value, "del ", 4) == 0;
}

/*
 * The first module name whose object, alive before the line, has another
 * count after it (a cached object's count is everyone's and not asked).
 * Leaves the heap at the step's start.
 */
static bool
changed_count(struct run *r, const struct timeline_step *ts, atom_t *name,
    objid_t *o, int64_t *before, int64_t *after, uint32_t *names)
{
	const struct frame *module;

	timeline_seek(r->timeline, r->heap, ts->end_event);
	module = &r->heap->frames[0];
	for (uint32_t b = 0; b < module->name_count; b++) {
		objid_t id = module->names[b].value;
		const struct object *ob;
		int64_t now;

		if (id == OBJ_NULL)
			continue;
		ob = heap_object(r->heap, id);
		/* a cached object's count is everyone's; a function's or a
		 * class's moves with every call */
		if ((ob->flags & OBJF_CACHED) || ob->type == OBJ_FUNCTION ||
		    ob->type == OBJ_CLASS)
			continue;
		now = ob->refcount;
		*names = names_of(r->heap, id);
		*name = module->names[b].name;
		timeline_seek(r->timeline, r->heap, ts->first_event);
		if (heap_alive(r->heap, id) &&
		    heap_object(r->heap, id)->refcount != now) {
			*o = id;
			*before = heap_object(r->heap, id)->refcount;
			*after = now;
			return true;
		}
		timeline_seek(r->timeline, r->heap, ts->end_event);
		module = &r->heap->frames[0];
	}
	timeline_seek(r->timeline, r->heap, ts->first_event);
	return false;
}

static void
generate_at(struct run *r, struct quiz *q, uint32_t step)
{
	const struct timeline_step *ts = &r->timeline->steps[step];
	const struct scenario_step *src = program_step_source(r->program,
	    ts->function, ts->source);
	const struct text *code = src != NULL ? &src->code : NULL;
	struct quiz_question *qq = NULL;
	struct step_facts f;
	objid_t o;
	atom_t name;
	int64_t before, after;
	uint32_t names;

	if (code == NULL || code->value == NULL)
		return;
	read_step(r, ts, &f);
	if (f.collection && f.collected_count > 0 &&
	    askable_output(&f.printed)) {
		qq = add_question(q, QUIZ_PRINTED, step, r);
		qq->text = xstrdup("What does this line print?");
	} else if (f.collection && f.collected_count > 0) {
		qq = add_question(q, QUIZ_COLLECTED, step, r);
		qq->text = xstrdup("Which objects does the collector free in "
		    "this line?");
		qq->check = xstrdup("collected");
		take_objects(r, qq, f.collected, f.collected_count);
		f.collected = NULL;
	} else if (f.freed_count > 0 || is_del(code)) {
		qq = add_question(q, QUIZ_FREED, step, r);
		qq->text = xstrdup("Which objects are freed by this line, and "
		    "in what order?");
		qq->check = xstrdup("freed");
		take_objects(r, qq, f.freed, f.freed_count);
		if (f.freed_count > 0)
			qq->why = reasons_for(r, step, f.freed[0]);
		f.freed = NULL;
	} else if (askable_output(&f.printed)) {
		qq = add_question(q, QUIZ_PRINTED, step, r);
		qq->text = xstrdup("What does this line print?");
	} else if (changed_count(r, ts, &name, &o, &before, &after, &names)) {
		qq = add_question(q, QUIZ_NUMBER, step, r);
		qq->text = xasprintf("What is the reference count of %s after "
		    "this line?", atom_name(name));
		qq->check = xasprintf("refcount(%s)", atom_name(name));
		qq->number = after;
		qq->before = before;
		qq->names = names;
		qq->why = reasons_for(r, step, o);
	}
	if (qq != NULL && qq->kind == QUIZ_PRINTED) {
		qq->check = xstrdup("printed");
		qq->printed = strbuf_detach(&f.printed);
	}
	strbuf_free(&f.printed);
	xfree(f.freed);
	xfree(f.collected);
}

static void
generated(struct run *r, struct quiz *q)
{
	const struct timeline *t = r->timeline;

	for (uint32_t s = 0; s < t->step_count; s++)
		if (t->steps[s].depth == 0 && t->steps[s].ordinal > 0)
			generate_at(r, q, s);
}

void
quiz_build(struct run *r, struct quiz *q)
{
	uint64_t	saved = r->heap->position;

	memset(q, 0, sizeof *q);
	if (r->result.answer_count > 0)
		authored(r, q);
	else
		generated(r, q);
	timeline_seek(r->timeline, r->heap, saved);
}

void
quiz_free(struct quiz *q)
{
	for (uint32_t i = 0; i < q->count; i++) {
		struct quiz_question *qq = &q->questions[i];

		for (uint32_t k = 0; k < qq->object_count; k++)
			xfree(qq->object_texts[k]);
		xfree(qq->object_texts);
		xfree(qq->objects);
		xfree(qq->text);
		xfree(qq->check);
		xfree(qq->printed);
		xfree(qq->why);
	}
	xfree(q->questions);
	memset(q, 0, sizeof *q);
}

/* ---- answers ---- */

/* The length of s without its trailing newlines and blanks. */
static size_t
trimmed(const char *s)
{
	size_t n = strlen(s);

	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == ' '))
		n--;
	return n;
}

static bool
has_object(const objid_t *a, uint32_t n, objid_t o)
{
	for (uint32_t i = 0; i < n; i++)
		if (a[i] == o)
			return true;
	return false;
}

bool
quiz_is_right(const struct quiz_question *q, const struct quiz_reply *a)
{
	size_t n;

	switch (q->kind) {
	case QUIZ_NUMBER:
	case QUIZ_TRUTH:
		return a->number == q->number;
	case QUIZ_FREED:
		return a->object_count == q->object_count &&
		    (q->object_count == 0 || memcmp(a->objects, q->objects,
		    q->object_count * sizeof *q->objects) == 0);
	case QUIZ_COLLECTED:
		if (a->object_count != q->object_count)
			return false;
		for (uint32_t i = 0; i < a->object_count; i++)
			if (!has_object(q->objects, q->object_count,
			    a->objects[i]))
				return false;
		return true;
	case QUIZ_PRINTED:
		n = trimmed(q->printed);
		return a->printed != NULL && trimmed(a->printed) == n &&
		    memcmp(a->printed, q->printed, n) == 0;
	}
	return false;
}

static const char *
count_misconception(const struct quiz_question *q, int64_t given)
{
	if (q->names > 0 && given == q->names && q->number != q->names)
		return "The count counts every reference -- names, items of "
		    "containers, attributes, the running frame's stack -- "
		    "not names only.";
	if (q->before >= 0 && given == q->before && q->number > q->before)
		return "A name is not a copy: binding another name to an "
		    "object adds a reference to that same object.";
	if (q->before >= 0 && given == q->before && q->number < q->before)
		return "Removing a reference -- del, rebinding, a frame "
		    "ending -- takes one off the count at once.";
	if (given == q->number + 1)
		return "sys.getrefcount prints one more than the count: its "
		    "own argument is a reference while it runs.";
	return "Every reference is one count: count the arrows into the "
	    "object's box.";
}

const char *
quiz_misconception(const struct quiz_question *q, const struct quiz_reply *a)
{
	uint32_t extra = 0, missing = 0;

	if (quiz_is_right(q, a))
		return NULL;
	switch (q->kind) {
	case QUIZ_NUMBER:
		if (q->authored && strncmp(q->check, "refcount(", 9) != 0) {
			if (strcmp(q->check, "collected") == 0)
				return "The collector frees only what no "
				    "name or live object can reach; "
				    "reference counting frees the rest "
				    "first.";
			return "An object is freed the moment its count "
			    "reaches 0, and only then.";
		}
		return count_misconception(q, a->number);
	case QUIZ_TRUTH:
		if (strstr(q->check, " is ") != NULL)
			return "`is` asks whether two names refer to one "
			    "object, not whether their values are equal.";
		return "`del` removes a name, not the object: the object "
		    "lives while any reference to it remains.";
	case QUIZ_FREED:
	case QUIZ_COLLECTED:
		for (uint32_t i = 0; i < a->object_count; i++)
			extra += !has_object(q->objects, q->object_count,
			    a->objects[i]);
		for (uint32_t i = 0; i < q->object_count; i++)
			missing += !has_object(a->objects, a->object_count,
			    q->objects[i]);
		if (q->kind == QUIZ_COLLECTED)
			return extra > 0 ? "The collector frees only what "
			    "cannot be reached from a name or a live object; "
			    "an object without a name of its own may still "
			    "be held." : "Objects in a cycle hold each other: "
			    "the collector frees the whole unreachable "
			    "group at once.";
		if (q->object_count == 0)
			return "`del` deletes a name, not the object: an "
			    "object is freed only when its count reaches 0.";
		if (extra > 0)
			return "An object is freed only when its count "
			    "reaches 0: another reference keeps it alive.";
		if (missing > 0)
			return "Freeing cascades: a freed container releases "
			    "what it holds, and each item whose last "
			    "reference that was is freed too.";
		return "A cascade goes in CPython's order: the container is "
		    "freed first, then its items, the last slot first.";
	case QUIZ_PRINTED:
		if (strcmp(q->printed, "True\n") == 0 ||
		    strcmp(q->printed, "False\n") == 0)
			return "`is` asks whether two names refer to one "
			    "object, not whether their values are equal.";
		return "Run the line in your head one reference at a time: "
		    "what is printed is what the objects hold then.";
	}
	return NULL;
}

char *
quiz_answer_text(const struct quiz_question *q)
{
	struct strbuf sb = STRBUF_INIT;

	switch (q->kind) {
	case QUIZ_NUMBER:
		strbuf_printf(&sb, "%lld", (long long)q->number);
		break;
	case QUIZ_TRUTH:
		strbuf_puts(&sb, q->number ? "True" : "False");
		break;
	case QUIZ_FREED:
	case QUIZ_COLLECTED:
		if (q->object_count == 0)
			strbuf_puts(&sb, "nothing is freed");
		for (uint32_t i = 0; i < q->object_count; i++)
			strbuf_printf(&sb, "%s%s", i == 0 ? "" :
			    q->kind == QUIZ_COLLECTED ? ", " : ", then ",
			    q->object_texts[i]);
		break;
	case QUIZ_PRINTED:
		strbuf_append(&sb, q->printed, trimmed(q->printed));
		break;
	}
	return strbuf_detach(&sb);
}
