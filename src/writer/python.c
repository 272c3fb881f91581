/*
 * python.c: a scenario as a Python program that checks it in CPython.
 *
 * The program is the scenario -- its settings, its functions and classes as
 * one source compiled together, and each module-level step as a run() call
 * followed by its expects, all in scenario_steps() -- then the prelude
 * (python-prelude.py: how a step is compiled and run, how each kind of
 * expect is measured), then the call of scenario_steps().  The
 * expects of a step in a function body are written into the body, as calls
 * refscope.check(K, value), where BODY_CHECKS[K] tells what K claims (K is
 * a small int, so the check adds no constant the heap count would see).
 *
 * Which expects CPython can check is decided from refscope's own run:
 *   - once refscope's collector has started by itself, CPython (whose
 *     automatic collections are off: see the prelude) still holds garbage
 *     that refscope freed;
 *   - small_int_cache or intern_strings off have no CPython equivalent;
 *   - the textbook model has no generations, and its sweep counts every
 *     object it frees as collected, not only the containers;
 *   - `freed` is measured from outside the step (what was alive before it
 *     and is gone after), which cannot see an object made and freed inside
 *     the step, nor tell the frees of a call's body steps (refscope counts
 *     them there) from the step's own;
 *   - heap, freed and collected inside a function body would need
 *     references to the frames, which would change the counts.
 * Each expect so decided becomes a comment saying why, and finish() is told
 * how many there are, so that none goes missing unseen.
 */
#include "config.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/atom.h"
#include "base/strbuf.h"
#include "base/xalloc.h"
#include "lang/ast.h"
#include "lang/program.h"
#include "lang/scenario.h"
#include "py/ops.h"
#include "py/pyhash.h"
#include "py/pyversion.h"
#include "writer/python.h"
#include "sim/event.h"
#include "sim/heap.h"
#include "sim/timeline.h"

/* src/writer/python-prelude.py, one C string per line (made by the build). */
static const char *const prelude[] = {
#include "writer/python-prelude.inc"
};

#define NO_STEP		UINT32_MAX
/* The largest int CPython shares: a larger label or loop count in a
 * function body would be a constant the heap count sees. */
#define SMALL_INT_MAX	256
#define AST_DEPTH_MAX	200
/* Comments and calls fit this width where they can be broken; the steps
 * are indented into scenario_steps(), so theirs is 4 less. */
#define COMMENT_WIDTH	79
#define STEPS_WIDTH	(COMMENT_WIDTH - 4)

/* What refscope's run says that CPython cannot see for itself. */
struct run_facts {
	uint32_t	 first_auto;	/* module step (timeline number) in which
					   the collector first started by
					   itself, or NO_STEP */
	bool		 threshold_changed;	/* gc.set_threshold ran */
	bool		*collection_in;	/* by module step: a collection ran in
					   it or in its calls */
	bool		*call_frees;	/* by module step: its calls' body
					   steps freed objects */
	uint32_t	*unseen_frees;	/* by module step: objects it made and
					   freed itself, its constants aside */
	uint32_t	*last_run;	/* by written module step: the timeline
					   step of its last run */
};

struct export {
	struct strbuf		*out;
	const struct program	*p;
	const struct timeline	*t;
	const struct scenario	*s;
	struct run_facts	 facts;
	char			*helper;	/* the body checks' name in the
						   scenario's namespace */
	struct strbuf		 body_checks;	/* BODY_CHECKS entries */
	uint32_t		 body_check_count;
	struct strbuf		 function_lines; /* FUNCTION_LINES entries */
	struct strbuf		 repeats;	/* large loop counts of bodies */
	uint32_t		 repeat_count;
	struct strbuf		 unit;		/* the functions' source */
	uint32_t		 unit_line;	/* lines in unit so far */
	uint32_t		 code_lines;	/* of which code, not comments */
	uint32_t		 not_checkable;
};

/* Where text starts, as the author's editor numbers lines. */
static struct srcpos
editor_at(const struct export *x, const struct text *text)
{
	return scenario_editor_pos(x->s, text_locate(text, 0));
}

/* ---- Python text ---- */

/*
 * A one-line Python str literal for the len bytes at s: repr's escapes,
 * but always in double quotes rather than repr's choice, since the code a
 * step holds usually contains repr's own single quotes, and one quote style
 * reads as one program.
 */
static void
put_str(struct strbuf *out, const char *s, size_t len)
{
	strbuf_putc(out, '"');
	pyrepr_str_body(out, s, len, '"');
	strbuf_putc(out, '"');
}

static void
put_cstr(struct strbuf *out, const char *s)
{
	put_str(out, s, strlen(s));
}

/*
 * A triple-quoted literal for text, its lines as they are (a person reads
 * the code there): repr's escapes, except that a newline stays a newline
 * and a quote is escaped only where it would close the literal.
 */
static void
put_block(struct strbuf *out, const char *s, size_t len)
{
	size_t	start = 0;
	bool	newline, closes;

	strbuf_puts(out, "\"\"\"\\\n");
	for (size_t i = 0; i < len; i++) {
		/* '\n' and '"' are never inside a UTF-8 sequence */
		newline = s[i] == '\n';
		closes = s[i] == '"' && (i + 1 == len || s[i + 1] == '"');
		if (!newline && !closes)
			continue;
		pyrepr_str_body(out, s + start, i - start, 0);
		strbuf_puts(out, newline ? "\n" : "\\\"");
		start = i + 1;
	}
	pyrepr_str_body(out, s + start, len - start, 0);
	strbuf_puts(out, "\"\"\"");
}

/* Text for a comment: as strbuf_append_visible shows it (control and
 * invisible format characters escaped), so that a comment can neither
 * hide nor reorder what follows. */
static void
put_visible(struct strbuf *out, const char *s, size_t len, bool keep_newline)
{
	strbuf_append_visible(out, s, len, keep_newline);
}

/* One line of comment, broken at spaces to fit width. */
static void
put_comment_line(struct strbuf *out, size_t width, const char *indent,
    const char *s, size_t len)
{
	size_t room = width - strlen(indent) - 2;

	for (;;) {
		size_t cut = len;

		if (len > room) {
			for (cut = room; cut > 0 && s[cut] != ' '; cut--)
				;
			if (cut == 0)
				cut = len;
		}
		strbuf_puts(out, indent);
		strbuf_putc(out, '#');
		while (cut > 0 && s[cut - 1] == ' ')
			cut--;
		if (cut > 0) {
			strbuf_putc(out, ' ');
			strbuf_append(out, s, cut);
		}
		strbuf_putc(out, '\n');
		while (cut < len && s[cut] == ' ')
			cut++;
		if (cut >= len)
			return;
		s += cut;
		len -= cut;
	}
}

/* Comment lines for text, each starting with indent and "# ", control
 * characters made visible; trailing blank lines dropped. */
static void
put_comment(struct strbuf *out, size_t width, const char *indent,
    const char *text, size_t len)
{
	struct strbuf	 visible = STRBUF_INIT;
	const char	*line, *end;

	while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == ' '))
		len--;
	put_visible(&visible, text, len, true);
	for (line = strbuf_str(&visible); ; line = end + 1) {
		end = strchr(line, '\n');
		if (end == NULL)
			end = line + strlen(line);
		put_comment_line(out, width, indent, line,
		    (size_t)(end - line));
		if (*end == '\0')
			break;
	}
	strbuf_free(&visible);
}

/* The text made visible on one line (for a trailing comment). */
static void
put_visible_line(struct strbuf *out, const char *text, size_t len)
{
	put_visible(out, text, len, false);
}

/* A call written on as few lines as fit: each argument is written into
 * arg, then call_arg() puts it on the line, or on a continuation line when
 * it would pass width. */
struct call {
	struct strbuf	*out;
	size_t		 width;
	size_t		 indent;	/* of the call's first line */
	size_t		 col;
	uint32_t	 args;
	struct strbuf	 arg;
};

static void
call_begin(struct call *c, struct strbuf *out, size_t width, size_t indent,
    const char *name)
{
	c->out = out;
	c->width = width;
	c->indent = indent;
	c->args = 0;
	c->arg = (struct strbuf)STRBUF_INIT;
	strbuf_printf(out, "%*s%s(", (int)indent, "", name);
	c->col = indent + strlen(name) + 1;
}

static void
call_arg(struct call *c)
{
	if (c->args++ > 0) {
		if (c->col + 2 + c->arg.len + 1 > c->width) {
			strbuf_printf(c->out, ",\n%*s", (int)c->indent + 4, "");
			c->col = c->indent + 4;
		} else {
			strbuf_puts(c->out, ", ");
			c->col += 2;
		}
	}
	strbuf_append(c->out, strbuf_str(&c->arg), c->arg.len);
	c->col += c->arg.len;
	strbuf_truncate(&c->arg, 0);
}

static void
call_end(struct call *c, const char *trailer)
{
	strbuf_printf(c->out, ")%s\n", trailer);
	strbuf_free(&c->arg);
}

static void
put_where(struct strbuf *out, struct srcpos pos)
{
	strbuf_printf(out, "\"%" PRIu32 ":%" PRIu32 "\"", pos.line, pos.col);
}

/* A statement's text without the blank space around it: a line at the
 * prompt starts at its first column. */
static void
trimmed(const struct text *t, const char **s, size_t *len)
{
	const char	*p = t->value;
	size_t		 n = t->len;

	while (n > 0 && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')) {
		p++;
		n--;
	}
	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t' ||
	    p[n - 1] == '\n' || p[n - 1] == '\r'))
		n--;
	*s = p;
	*len = n;
}

/* ---- what the run says ---- */

static bool
is_auto_collection(const struct timeline *t, const struct heap *h,
    uint64_t gc_end)
{
	struct event_reading next;

	/* an automatic collection runs as a container is being allocated,
	 * so that allocation comes right after it; gc.collect() is followed
	 * by its result, an int */
	if (gc_end + 1 >= t->event_count)
		return false;
	event_read(h, &t->events[gc_end + 1], &next);
	return next.born != OBJ_NULL &&
	    heap_type_is_container(heap_object(h, next.born)->type);
}

static void
facts_gather(struct run_facts *f, const struct program *p,
    const struct timeline *t, const struct heap *h)
{
	uint32_t	*born = xcalloc(h->object_count + 1, sizeof *born);
	bool		*constant = xcalloc(h->object_count + 1,
			    sizeof *constant);
	uint32_t	 steps = t->step_count + 1;

	f->first_auto = NO_STEP;
	f->threshold_changed = false;
	f->collection_in = xcalloc(steps, sizeof *f->collection_in);
	f->call_frees = xcalloc(steps, sizeof *f->call_frees);
	f->unseen_frees = xcalloc(steps, sizeof *f->unseen_frees);
	f->last_run = xcalloc(p->step_count + 1, sizeof *f->last_run);
	for (uint32_t k = 0; k < p->step_count; k++)
		f->last_run[k] = NO_STEP;
	for (uint32_t s = 1; s < t->step_count; s++)
		if (t->steps[s].depth == 0 && t->steps[s].function == 0 &&
		    t->steps[s].source < p->step_count)
			f->last_run[t->steps[s].source] = s;

	for (uint64_t i = 0; i < t->event_count; i++) {
		const struct event	*ev = &t->events[i];
		uint32_t		 s = ev->step;
		uint32_t		 module = s < t->step_count ?
		    t->steps[s].parent : 0;
		struct event_reading	 r;

		if (module >= t->step_count)
			module = 0;
		event_read(h, ev, &r);
		if (r.born != OBJ_NULL && r.born < h->object_count) {
			born[r.born] = module;
			constant[r.born] = s == module &&
			    ev->reason == REASON_CONSTANT;
		}
		if (r.collection == EVENT_COLLECTION_BEGIN)
			f->collection_in[module] = true;
		if (r.collection == EVENT_COLLECTION_END &&
		    f->first_auto == NO_STEP && is_auto_collection(t, h, i))
			f->first_auto = module;
		if (r.freed != OBJ_NULL && !r.by_collector &&
		    r.freed < h->object_count) {
			if (s != module)
				f->call_frees[module] = true;
			else if (born[r.freed] == module &&
			    !constant[r.freed])
				f->unseen_frees[module]++;
		}
		if (s > 0 && r.setting >= GC_SETTING_THRESHOLD0 &&
		    r.setting <= GC_SETTING_THRESHOLD2)
			f->threshold_changed = true;
	}
	xfree(born);
	xfree(constant);
}

static void
facts_free(struct run_facts *f)
{
	xfree(f->collection_in);
	xfree(f->call_frees);
	xfree(f->unseen_frees);
	xfree(f->last_run);
}

/* The position of the written module step that timeline step s runs. */
static struct srcpos
module_step_pos(const struct export *x, const struct timeline_step *ts)
{
	const struct scenario_step *ss = x->p->steps[ts->source].source;

	return scenario_editor_pos(x->s, ss->code.value != NULL ?
	    text_locate(&ss->code, 0) : ss->pos);
}

/* ---- which expects CPython can check ---- */

/*
 * Why expect e cannot be checked in CPython, or NULL.  tstep is the
 * timeline step after which a module-level expect is checked (NO_STEP in a
 * function body).  *detail receives a count some reasons add.
 */
static const char *
why_not_checkable(const struct export *x, const struct expect *e,
    uint32_t tstep, uint32_t *detail)
{
	const struct scenario_settings	*set = &x->s->settings;
	const struct run_facts		*f = &x->facts;
	bool				 in_body = tstep == NO_STEP;

	if (!expect_for_version(e, set->python))
		return "it is for other versions of CPython than the one "
		    "modelled";
	if (!set->small_int_cache)
		return "small_int_cache: false has no equivalent there: "
		    "CPython always shares the ints -5..256";
	if (!set->intern_strings)
		return "intern_strings: false has no equivalent there: "
		    "CPython always interns identifier-like str constants";
	if (f->first_auto != NO_STEP && (in_body || tstep >= f->first_auto))
		return "it comes after refscope's collector started by itself "
		    "(see the top)";
	if (in_body && (e->kind == EXPECT_HEAP || e->kind == EXPECT_FREED ||
	    e->kind == EXPECT_COLLECTED))
		return "inside a function, what the frames and the value "
		    "stack hold cannot be listed from Python without holding "
		    "references to it";
	if (set->gc == GC_MODEL_TEXTBOOK) {
		if (e->kind == EXPECT_GEN)
			return "gc: textbook has no generations";
		if (e->kind == EXPECT_COLLECTED)
			return "the textbook sweep counts every object it frees, "
			    "CPython's gc.collect() only the containers it "
			    "tracks";
		if (e->kind == EXPECT_FREED && f->collection_in[tstep])
			return "a textbook sweep ran in this step: it counts "
			    "what it frees as collected, where CPython counts "
			    "the objects a collection's clearing frees by "
			    "reference counting as freed";
	}
	if (e->kind == EXPECT_FREED && f->call_frees[tstep])
		return "some of its frees happen in the body steps of the "
		    "functions it calls, which refscope counts there; Python "
		    "sees the step only from outside";
	if (e->kind == EXPECT_FREED && f->unseen_frees[tstep] > 0) {
		*detail = f->unseen_frees[tstep];
		return "refscope also counts the objects made and freed "
		    "within this step, which Python, looking from outside the "
		    "step, cannot see";
	}
	return NULL;
}

static void
put_not_checkable(struct export *x, struct strbuf *out, size_t width,
    const char *indent, const struct text *text, const char *why,
    uint32_t detail)
{
	struct strbuf	line = STRBUF_INIT;
	struct srcpos	pos = editor_at(x, text);

	strbuf_printf(&line, "Not checked in CPython: ");
	put_visible_line(&line, text->value, text->len);
	strbuf_printf(&line, " (line %" PRIu32 ":%" PRIu32 ")\n-- ",
	    pos.line, pos.col);
	strbuf_puts(&line, why);
	if (detail > 0)
		strbuf_printf(&line, " (%" PRIu32 " of them)", detail);
	put_comment(out, width, indent, line.data, line.len);
	strbuf_free(&line);
	x->not_checkable++;
}

/* The Python text of an expect's subject (or other side): as the author
 * wrote it, which the subset's expect syntax shares with Python. */
static void
put_operand(struct strbuf *out, const struct text *text,
    const struct expr *e)
{
	if (e->offset <= text->len && e->length <= text->len - e->offset)
		strbuf_append(out, text->value + e->offset, e->length);
	else {
		char *s = ast_expr_text(e);

		strbuf_puts(out, s);
		xfree(s);
	}
}

/* What a check computes, in Python: sys.getrefcount(E) - 1 for refcount,
 * A is B, A is not B, or E itself. */
static void
put_check_python(struct strbuf *out, const struct text *text,
    const struct expect *e)
{
	switch (e->kind) {
	case EXPECT_REFCOUNT:
		strbuf_puts(out, "sys.getrefcount(");
		put_operand(out, text, e->subject);
		strbuf_puts(out, ") - 1");
		break;
	case EXPECT_IS:
	case EXPECT_IS_NOT:
		put_operand(out, text, e->subject);
		strbuf_puts(out, e->kind == EXPECT_IS ? " is " : " is not ");
		put_operand(out, text, e->other);
		break;
	case EXPECT_GEN:
	case EXPECT_ALIVE:
		put_operand(out, text, e->subject);
		break;
	default:
		break;
	}
}

static void
put_python_str(struct strbuf *out, const struct text *text,
    const struct expect *e)
{
	struct strbuf python = STRBUF_INIT;

	put_check_python(&python, text, e);
	put_str(out, strbuf_str(&python), python.len);
	strbuf_free(&python);
}

/* One module-level expect, checked after its step. */
static void
put_module_expect(struct export *x, const struct expect *e,
    const struct text *text, uint32_t tstep)
{
	static const char *const calls[] = {
		[EXPECT_REFCOUNT] = "expect_number",
		[EXPECT_GEN] = "expect_generation",
		[EXPECT_IS] = "expect_true",
		[EXPECT_IS_NOT] = "expect_true",
		[EXPECT_ALIVE] = "expect_alive",
		[EXPECT_HEAP] = "expect_heap",
		[EXPECT_COLLECTED] = "expect_collected",
		[EXPECT_FREED] = "expect_freed",
	};
	struct strbuf	*out = x->out;
	struct call	 c;
	uint32_t	 detail = 0;
	const char	*why = why_not_checkable(x, e, tstep, &detail);

	if (why != NULL) {
		put_not_checkable(x, out, STEPS_WIDTH, "", text, why, detail);
		return;
	}
	call_begin(&c, out, STEPS_WIDTH, 0, calls[e->kind]);
	put_where(&c.arg, editor_at(x, text));
	call_arg(&c);
	put_str(&c.arg, text->value, text->len);
	call_arg(&c);
	if (e->subject != NULL) {
		put_python_str(&c.arg, text, e);
		call_arg(&c);
	}
	if (e->kind != EXPECT_IS && e->kind != EXPECT_IS_NOT &&
	    e->kind != EXPECT_ALIVE) {
		strbuf_printf(&c.arg, "\"%s\"", ops_compare_text(e->op));
		call_arg(&c);
		strbuf_printf(&c.arg, "%" PRId64, e->number);
		call_arg(&c);
	}
	call_end(&c, "");
}

/* ---- the functions and classes: one source ---- */

/* Appends a line of the functions' source; where (a "L:C" string or
 * NULL) is the scenario position an exception on it is reported at. */
static void
unit_line(struct export *x, int indent, const char *s, size_t len,
    const char *where)
{
	const char *end;

	x->code_lines++;
	/* a statement written on several lines: each is indented */
	for (;;) {
		end = memchr(s, '\n', len);
		x->unit_line++;
		strbuf_printf(&x->unit, "%*s", indent, "");
		strbuf_append(&x->unit, s, end ? (size_t)(end - s) : len);
		strbuf_putc(&x->unit, '\n');
		if (where != NULL)
			strbuf_printf(&x->function_lines, "    %" PRIu32 ": %s,\n",
			    x->unit_line, where);
		if (end == NULL)
			break;
		len -= (size_t)(end - s) + 1;
		s = end + 1;
	}
}

static void
unit_puts(struct export *x, int indent, const char *s)
{
	unit_line(x, indent, s, strlen(s), NULL);
}

/* Appends comment lines, already indented and ending in newlines. */
static void
unit_raw(struct export *x, const struct strbuf *lines)
{
	const char *line, *end;

	for (line = strbuf_str(lines); *line != '\0'; line = end + 1) {
		end = strchr(line, '\n');
		strbuf_append(&x->unit, line, (size_t)(end - line) + 1);
		x->unit_line++;
	}
}

static void
unit_comment(struct export *x, int indent, const struct text *t)
{
	struct strbuf	c = STRBUF_INIT;
	char		pad[16];

	snprintf(pad, sizeof pad, "%*s", indent, "");
	put_comment(&c, COMMENT_WIDTH, pad, t->value, t->len);
	unit_raw(x, &c);
	strbuf_free(&c);
}

/* The checks of a body step, written where the step stands. */
static void
unit_checks(struct export *x, int indent, const struct program_step *st)
{
	static const char *const kinds[] = {
		[EXPECT_REFCOUNT] = "number", [EXPECT_GEN] = "generation",
		[EXPECT_IS] = "true", [EXPECT_IS_NOT] = "true",
		[EXPECT_ALIVE] = "alive",
	};

	for (uint32_t i = 0; i < st->expect_count; i++) {
		const struct expect	*e = st->expects[i];
		const struct text	*text = &st->source->expects[i];
		struct strbuf		 line = STRBUF_INIT, where = STRBUF_INIT;
		struct call		 call;
		uint32_t		 detail = 0;
		const char		*why = why_not_checkable(x, e, NO_STEP,
		    &detail);

		if (why == NULL && x->body_check_count > SMALL_INT_MAX)
			why = "more checks in function bodies than the "
			    "labels CPython shares (0..256)";
		if (why != NULL) {
			struct strbuf c = STRBUF_INIT;
			char pad[16];

			snprintf(pad, sizeof pad, "%*s", indent, "");
			put_not_checkable(x, &c, COMMENT_WIDTH, pad, text, why,
			    detail);
			unit_raw(x, &c);
			strbuf_free(&c);
			continue;
		}
		put_where(&where, editor_at(x, text));
		call_begin(&call, &x->body_checks, STEPS_WIDTH, 4, "");
		strbuf_puts(&call.arg, where.data);
		call_arg(&call);
		put_str(&call.arg, text->value, text->len);
		call_arg(&call);
		strbuf_printf(&call.arg, "\"%s\"", kinds[e->kind]);
		call_arg(&call);
		put_python_str(&call.arg, text, e);
		call_arg(&call);
		if (e->kind == EXPECT_REFCOUNT || e->kind == EXPECT_GEN) {
			strbuf_printf(&call.arg, "\"%s\"",
			    ops_compare_text(e->op));
			call_arg(&call);
			strbuf_printf(&call.arg, "%" PRId64, e->number);
		} else {
			strbuf_puts(&call.arg, "None");
			call_arg(&call);
			strbuf_puts(&call.arg, "None");
		}
		call_arg(&call);
		call_end(&call, ",");

		strbuf_printf(&line, "%s.check(%" PRIu32 ", ", x->helper,
		    x->body_check_count++);
		put_check_python(&line, text, e);
		strbuf_puts(&line, ")  # ");
		put_visible_line(&line, text->value, text->len);
		unit_line(x, indent, line.data, line.len, where.data);
		strbuf_free(&line);
		strbuf_free(&where);
	}
}

/* def NAME(PARAMS): its body steps, each with its checks. */
static void
unit_function(struct export *x, const struct program_function *f)
{
	struct strbuf	line = STRBUF_INIT;
	uint32_t	code_lines;

	strbuf_printf(&line, "def %s(", atom_name(f->name));
	for (uint32_t i = 0; i < f->param_count; i++)
		strbuf_printf(&line, "%s%s", i ? ", " : "",
		    atom_name(f->locals[i]));
	strbuf_puts(&line, "):");
	unit_line(x, 0, line.data, line.len, NULL);
	code_lines = x->code_lines;
	for (uint32_t k = 0; k < f->body_count; k++) {
		const struct program_step	*st = &f->body[k];
		const struct scenario_step	*ss = st->source;
		bool				 returns = st->stmt != NULL &&
		    st->stmt->kind == STMT_RETURN;
		int				 indent = 4;
		struct strbuf			 where = STRBUF_INIT;
		const char			*code;
		size_t				 len;

		if (ss->say.value != NULL)
			unit_comment(x, 4, &ss->say);
		if (ss->has_repeat) {
			strbuf_truncate(&line, 0);
			if (ss->repeat <= SMALL_INT_MAX)
				strbuf_printf(&line, "for i in range(%" PRIu32
				    "):", ss->repeat);
			else {
				/* a large count would be a constant of the
				 * function, which the heap count sees */
				strbuf_printf(&line, "for i in range(%s.repeat"
				    "[%" PRIu32 "]):  # %" PRIu32 " times",
				    x->helper, x->repeat_count++, ss->repeat);
				strbuf_printf(&x->repeats, "%s%" PRIu32,
				    x->repeats.len > 0 ? ", " : "", ss->repeat);
			}
			unit_line(x, 4, line.data, line.len, NULL);
			indent = 8;
		}
		if (st->stmt == NULL) {
			if (ss->has_repeat)
				unit_puts(x, indent, "pass");
		} else {
			trimmed(&ss->code, &code, &len);
			put_where(&where, editor_at(x, &ss->code));
			if (returns && st->expect_count > 0) {
				/* refscope checks a returning step with the
				 * value on the stack and the frame still
				 * there: a finally block runs just then */
				uint32_t before;

				unit_puts(x, indent, "try:");
				unit_line(x, indent + 4, code, len, where.data);
				unit_puts(x, indent, "finally:");
				before = x->code_lines;
				unit_checks(x, indent + 4, st);
				if (x->code_lines == before)
					unit_puts(x, indent + 4, "pass");
			} else
				unit_line(x, indent, code, len, where.data);
		}
		if (!returns)
			unit_checks(x, 4, st);
		strbuf_free(&where);
	}
	if (x->code_lines == code_lines)
		unit_puts(x, 4, "pass");
	strbuf_free(&line);
}

/* The functions and classes, compiled together as one module. */
static void
put_functions(struct export *x)
{
	const struct program *p = x->p;

	if (p->function_count == 0 && p->class_count == 0)
		return;
	for (uint32_t i = 0; i < p->function_count; i++)
		unit_function(x, &p->functions[i]);
	for (uint32_t i = 0; i < p->class_count; i++) {
		struct strbuf line = STRBUF_INIT;

		strbuf_printf(&line, "class %s:", atom_name(p->classes[i].name));
		unit_line(x, 0, line.data, line.len, NULL);
		unit_puts(x, 4, "pass");
		strbuf_free(&line);
	}

	strbuf_puts(x->out, "\n# The functions and classes, compiled together as "
	    "one module is, so that\n# equal constants in two function bodies "
	    "are one object.\n");
	if (x->body_check_count > 0 || x->repeat_count > 0) {
		strbuf_puts(x->out, "# A body step's expects are checked in the "
		    "body, right after the step:\n# BODY_CHECKS says what each "
		    "check claims.\nprovide(");
		put_cstr(x->out, x->helper);
		strbuf_printf(x->out, ", repeats=[%s])\n", strbuf_str(&x->repeats));
	}
	if (x->body_check_count > 0) {
		strbuf_puts(x->out, "BODY_CHECKS.extend([\n");
		strbuf_puts(x->out, strbuf_str(&x->body_checks));
		strbuf_puts(x->out, "])\n");
	}
	if (x->function_lines.len > 0) {
		strbuf_puts(x->out, "# Where each line of their source comes from "
		    "in the scenario:\nFUNCTION_LINES.update({\n");
		strbuf_puts(x->out, strbuf_str(&x->function_lines));
		strbuf_puts(x->out, "})\n");
	}
	strbuf_puts(x->out, "define(");
	put_block(x->out, x->unit.data, x->unit.len);
	strbuf_puts(x->out, ")\n");
}

/* ---- the steps ---- */

static void
put_step(struct export *x, uint32_t k)
{
	const struct program_step	*st = &x->p->steps[k];
	const struct scenario_step	*ss = st->source;
	struct strbuf			*out = x->out;
	uint32_t			 tstep = x->facts.last_run[k];
	bool				 count_frees = false;
	struct call			 c;
	struct srcpos			 pos = scenario_editor_pos(x->s,
	    ss->code.value != NULL ? text_locate(&ss->code, 0) : ss->pos);

	strbuf_printf(out, "\n# Step %" PRIu32 " (line %" PRIu32 ")\n",
	    k + 1, pos.line);
	if (ss->say.value != NULL)
		put_comment(out, STEPS_WIDTH, "", ss->say.value, ss->say.len);
	for (uint32_t i = 0; i < st->expect_count; i++) {
		uint32_t detail;

		if (st->expects[i]->kind == EXPECT_FREED &&
		    why_not_checkable(x, st->expects[i], tstep, &detail) ==
		    NULL)
			count_frees = true;
	}
	call_begin(&c, out, STEPS_WIDTH, 0, "run");
	put_where(&c.arg, pos);
	call_arg(&c);
	if (st->stmt != NULL) {
		const char	*code;
		size_t		 len;

		trimmed(&ss->code, &code, &len);
		put_str(&c.arg, code, len);
		call_arg(&c);
		if (ss->has_repeat) {
			strbuf_printf(&c.arg, "repeat=%" PRIu32, ss->repeat);
			call_arg(&c);
		}
		if (count_frees) {
			strbuf_puts(&c.arg, "count_frees=True");
			call_arg(&c);
		}
	}
	call_end(&c, st->stmt == NULL ? "  # a narration step: nothing runs" :
	    "");
	for (uint32_t i = 0; i < st->expect_count; i++)
		put_module_expect(x, st->expects[i], &ss->expects[i], tstep);
}

/* ---- names ---- */

static bool
contains(const char *s, size_t len, const char *word)
{
	size_t n = strlen(word);

	for (size_t i = 0; s != NULL && i + n <= len; i++)
		if (memcmp(s + i, word, n) == 0)
			return true;
	return false;
}

static bool
steps_contain(const struct scenario_step *steps, uint32_t count,
    const char *word)
{
	for (uint32_t i = 0; i < count; i++) {
		if (contains(steps[i].code.value, steps[i].code.len, word))
			return true;
		for (uint32_t k = 0; k < steps[i].expect_count; k++)
			if (contains(steps[i].expects[k].value,
			    steps[i].expects[k].len, word))
				return true;
	}
	return false;
}

/* "refscope", or with as many underscores after it as it takes for the
 * scenario's text never to contain it. */
static char *
helper_name(const struct scenario *s)
{
	struct strbuf	name = STRBUF_INIT;
	bool		taken;

	strbuf_puts(&name, "refscope");
	do {
		taken = steps_contain(s->steps, s->step_count, name.data);
		for (uint32_t i = 0; i < s->function_count && !taken; i++)
			taken = steps_contain(s->functions[i].body,
			    s->functions[i].body_count, name.data);
		if (taken)
			strbuf_putc(&name, '_');
	} while (taken);
	return strbuf_detach(&name);
}

struct atom_set {
	atom_t		*atoms;
	uint32_t	 count;
};

static void
atom_set_add(struct atom_set *set, atom_t a)
{
	for (uint32_t i = 0; i < set->count; i++)
		if (set->atoms[i] == a)
			return;
	set->atoms = xreallocarray(set->atoms, set->count + 1,
	    sizeof *set->atoms);
	set->atoms[set->count++] = a;
}

struct attrs_ctx {
	struct atom_set		*set;
	int			 depth;
	const struct expr	*method;	/* the callee a.m of a call */
};

static void attrs_expr(struct atom_set *set, const struct expr *e,
    int depth, bool method);

static void
attrs_child(struct expr *child, void *ctx)
{
	const struct attrs_ctx *c = ctx;

	attrs_expr(c->set, child, c->depth, child == c->method);
}

/* The attribute names e reads or writes; with method, e is the callee
 * of a call, whose name is not an attribute an instance holds. */
static void
attrs_expr(struct atom_set *set, const struct expr *e, int depth,
    bool method)
{
	struct attrs_ctx c = { set, depth + 1, NULL };

	if (e == NULL || depth > AST_DEPTH_MAX)
		return;
	/* a dunder would be the interpreter's, not the instance's:
	 * reading __dict__ would even make one */
	if (e->kind == EXPR_ATTR && !method &&
	    strncmp(atom_name(e->as.attr.name), "__", 2) != 0)
		atom_set_add(set, e->as.attr.name);
	if (e->kind == EXPR_CALL)
		c.method = e->as.call.callee;
	ast_expr_each_child(e, attrs_child, &c);
}

static void
attrs_stmt(struct atom_set *set, const struct stmt *s)
{
	if (s == NULL)
		return;
	switch (s->kind) {
	case STMT_ASSIGN:
		for (uint32_t i = 0; i < s->as.assign.target_count; i++)
			attrs_expr(set, s->as.assign.targets[i], 0, false);
		attrs_expr(set, s->as.assign.value, 0, false);
		break;
	case STMT_AUGASSIGN:
		attrs_expr(set, s->as.aug.target, 0, false);
		attrs_expr(set, s->as.aug.value, 0, false);
		break;
	case STMT_DEL:
		for (uint32_t i = 0; i < s->as.del.count; i++)
			attrs_expr(set, s->as.del.targets[i], 0, false);
		break;
	case STMT_EXPR:
		attrs_expr(set, s->as.expr, 0, false);
		break;
	case STMT_RETURN:
		attrs_expr(set, s->as.value, 0, false);
		break;
	default:
		break;
	}
}

static int
compare_atom_names(const void *a, const void *b)
{
	return strcmp(atom_name(*(const atom_t *)a),
	    atom_name(*(const atom_t *)b));
}

/* ATTRIBUTES: every attribute name a statement writes or reads, which is
 * every attribute an instance can have. */
static void
put_attributes(struct export *x)
{
	struct atom_set set = { NULL, 0 };

	for (uint32_t i = 0; i < x->p->step_count; i++)
		attrs_stmt(&set, x->p->steps[i].stmt);
	for (uint32_t i = 0; i < x->p->function_count; i++)
		for (uint32_t k = 0; k < x->p->functions[i].body_count; k++)
			attrs_stmt(&set, x->p->functions[i].body[k].stmt);
	if (set.count == 0)
		return;
	qsort(set.atoms, set.count, sizeof *set.atoms, compare_atom_names);
	strbuf_puts(x->out, "ATTRIBUTES.extend([");
	for (uint32_t i = 0; i < set.count; i++) {
		if (i > 0)
			strbuf_puts(x->out, ", ");
		put_cstr(x->out, atom_name(set.atoms[i]));
	}
	strbuf_puts(x->out, "])\n");
	xfree(set.atoms);
}

/* ---- the whole program ---- */

static void
put_header(struct export *x)
{
	const struct scenario	*s = x->s;
	struct strbuf		*out = x->out;
	struct strbuf		 line = STRBUF_INIT;

	strbuf_puts(out, "#!/usr/bin/env python3\n");
	put_comment(out, COMMENT_WIDTH, "", s->title.value, s->title.len);
	if (s->section.value != NULL)
		put_comment(out, COMMENT_WIDTH, "", s->section.value,
		    s->section.len);
	if (s->summary.value != NULL) {
		strbuf_puts(out, "#\n");
		put_comment(out, COMMENT_WIDTH, "", s->summary.value,
		    s->summary.len);
	}
	strbuf_puts(&line, "Exported by `refscope export --python-check` from ");
	strbuf_puts(&line, s->file);
	strbuf_printf(&line, ".  refscope modelled CPython %s: run it with "
	    "that python3; it performs the scenario's statements, prints what "
	    "they print, and checks each expect: line in CPython.",
	    pyversion_name(s->settings.python));
	strbuf_puts(out, "#\n");
	put_comment(out, COMMENT_WIDTH, "", line.data, line.len);
	strbuf_free(&line);
}

/* What makes CPython's run differ from refscope's as a whole. */
static void
put_differences(struct export *x)
{
	const struct scenario_settings	*set = &x->s->settings;
	const struct run_facts		*f = &x->facts;
	struct strbuf			*out = x->out;

	if (f->first_auto != NO_STEP) {
		const struct timeline_step *ts = &x->t->steps[f->first_auto];

		strbuf_printf(out, "\n# refscope's collector started by itself "
		    "in step %" PRIu32 " (line %" PRIu32 ").\n# CPython's "
		    "automatic collections cannot be made to come at the same "
		    "moment\n# (this program turns them off: see below), so from then "
		    "on CPython may\n# hold garbage that refscope has freed, and "
		    "the expects are comments.\n", ts->source + 1,
		    module_step_pos(x, ts).line);
	}
	if (f->first_auto != NO_STEP || set->gc_threshold != 0 ||
	    f->threshold_changed)
		strbuf_puts(out, "\n# Output may differ in CPython: the gen-0 "
		    "count that starts automatic\n# collections includes the "
		    "allocations of the compiler and of this program,\n# so "
		    "CPython's automatic collections and gc.get_count() "
		    "cannot follow the\n# scenario's.\n");
}

static void
put_settings(struct export *x)
{
	const struct scenario_settings	*set = &x->s->settings;
	struct strbuf			*out = x->out;

	if (set->gc == GC_MODEL_OFF)
		strbuf_puts(out, "disable()  # settings: gc: off -- what "
		    "gc.disable() means\n");
	if (set->gc == GC_MODEL_TEXTBOOK)
		strbuf_puts(out, "# settings: gc: textbook -- the article's mark "
		    "and sweep; an explicit\n# gc.collect() frees what CPython's "
		    "full collection frees.\n");
	if (set->gc_threshold != 0)
		strbuf_printf(out, "gc.set_threshold(%" PRIu32 ")  # settings: "
		    "gc_threshold: %" PRIu32 "\n", set->gc_threshold,
		    set->gc_threshold);
	if (!set->small_int_cache)
		strbuf_puts(out, "# settings: small_int_cache: false -- "
		    "CPython cannot do without it.\n");
	if (!set->intern_strings)
		strbuf_puts(out, "# settings: intern_strings: false -- CPython "
		    "cannot do without it.\n");
}

/* Appends lines indented into a function body, except the lines of the
 * functions' source: they are inside a triple-quoted literal, whose
 * delimiters are the only raw triple quotes (put_block escapes others). */
static void
put_indented(struct strbuf *out, const struct strbuf *lines)
{
	const char	*line, *end;
	bool		 in_block = false;

	for (line = strbuf_str(lines); *line != '\0'; line = end + 1) {
		end = strchr(line, '\n');
		if (end == NULL)
			end = line + strlen(line);
		if (!in_block && end > line)
			strbuf_puts(out, "    ");
		strbuf_append(out, line, (size_t)(end - line));
		strbuf_putc(out, '\n');
		if (!in_block)
			in_block = end - line >= 4 &&
			    memcmp(end - 4, "\"\"\"\\", 4) == 0;
		else
			in_block = strncmp(line, "\"\"\")", 4) != 0;
		if (*end == '\0')
			break;
	}
}

void
python_write(const struct program *p, const struct timeline *t,
    const struct heap *h, struct strbuf *out)
{
	struct export	x;
	struct strbuf	steps = STRBUF_INIT;

	/* a .py scenario is a Python program already (DESIGN §9): itself,
	 * its # expect: lines staying comments */
	if (p->scenario->python) {
		strbuf_append(out, p->scenario->source,
		    p->scenario->source_len);
		return;
	}
	memset(&x, 0, sizeof x);
	x.out = out;
	x.p = p;
	x.t = t;
	x.s = p->scenario;
	x.helper = helper_name(x.s);
	facts_gather(&x.facts, p, t, h);

	/* the scenario first, for the reader; it runs at the end, once the
	 * machinery it calls is defined */
	put_header(&x);
	put_differences(&x);
	strbuf_puts(out, "\nFILE = ");
	put_cstr(out, x.s->file);
	strbuf_puts(out, "\n\n\ndef scenario_steps():\n    \"\"\"The scenario, "
	    "step by step.  What run(), expect_...() and the\n    others do is "
	    "below.\"\"\"\n");
	x.out = &steps;
	put_settings(&x);
	put_attributes(&x);
	strbuf_puts(&steps, "start()\n");
	put_functions(&x);
	for (uint32_t k = 0; k < p->step_count; k++)
		put_step(&x, k);
	put_indented(out, &steps);
	strbuf_puts(out, "\n\n");
	for (size_t i = 0; i < sizeof prelude / sizeof *prelude; i++)
		strbuf_puts(out, prelude[i]);
	strbuf_printf(out, "\n\nscenario_steps()\nfinish(not_checkable=%"
	    PRIu32 ")\n", x.not_checkable);

	strbuf_free(&steps);
	strbuf_free(&x.body_checks);
	strbuf_free(&x.function_lines);
	strbuf_free(&x.repeats);
	strbuf_free(&x.unit);
	facts_free(&x.facts);
	xfree(x.helper);
}
