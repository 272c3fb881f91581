/*
 * scenario.c: a scenario file (DESIGN §2, format version 1) into a
 * struct scenario, with every error located at file:line:col.
 *
 * Loading is three passes over the same bytes:
 *
 *  1. yamlpos (a libyaml event pass) checks the YAML itself and builds a
 *     tree of nodes with their exact positions;
 *  2. this file checks the shape from that tree: unknown keys, types,
 *     required keys, ranges, names and the limits of DESIGN §8, so every
 *     message points at the key or value at fault;
 *  3. libcyaml, given a document already known to be well shaped, fills
 *     the structs of the schema below, which are then copied into a struct
 *     scenario and freed with the same schema.
 *
 * libcyaml's own messages are kept only as a fallback text, for the case
 * where it rejects something pass 2 accepted: its positions are often
 * wrong (FACTS.md).  Its numbers are not trusted either: it accepts
 * `12abc` as 12 and `010` as 8, so pass 2 requires plain decimal digits.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cyaml/cyaml.h>

#include "base/diag.h"
#include "base/strbuf.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "lang/pyfile.h"
#include "lang/scenario.h"
#include "lang/yamlpos.h"
#include "py/pyversion.h"

/* More errors than this in one file are noise: stop and say so. */
#define MAX_ERRORS	20

/* Where an error about the whole file is: no line, no column. */
static const struct srcpos nowhere = { 0, 0 };

/* --- the libcyaml schema ---------------------------------------------- */

/* A step as libcyaml fills it (`do` is a C keyword). */
struct y_step {
	char		*do_;
	char		*say;
	char		**expect;
	unsigned	 expect_count;
	char		*ask;
	char		*answer;
	bool		 pause;
	uint32_t	 repeat;
};

struct y_function {
	char		*name;
	char		**params;
	unsigned	 params_count;
	struct y_step	*body;
	unsigned	 body_count;
};

struct y_class {
	char		*name;
};

struct y_settings {
	bool		 small_int_cache;
	bool		 intern_strings;
	enum gc_model	 gc;
	uint32_t	 gc_threshold;
	char		*python;
};

struct y_scenario {
	uint32_t		 refscope;
	char			*title;
	char			*section;
	char			*summary;
	struct y_settings	 settings;
	struct y_function	*functions;
	unsigned		 functions_count;
	struct y_class		*classes;
	unsigned		 classes_count;
	struct y_step		*steps;
	unsigned		 steps_count;
};

/* An entry of expect:, params: — one string. */
static const cyaml_schema_value_t string_entry = {
	CYAML_VALUE_STRING(CYAML_FLAG_POINTER, char, 0, CYAML_UNLIMITED),
};

static const cyaml_schema_field_t step_fields[] = {
	/* One statement of the subset (DESIGN §3). */
	CYAML_FIELD_STRING_PTR("do", CYAML_FLAG_OPTIONAL,
	    struct y_step, do_, 0, CYAML_UNLIMITED),
	/* Narration shown while the step is current. */
	CYAML_FIELD_STRING_PTR("say", CYAML_FLAG_OPTIONAL,
	    struct y_step, say, 0, CYAML_UNLIMITED),
	/* Checks after the step, one string each. */
	CYAML_FIELD_SEQUENCE("expect", CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL,
	    struct y_step, expect, &string_entry, 0, CYAML_UNLIMITED),
	/* A question asked before the step plays, and its answer. */
	CYAML_FIELD_STRING_PTR("ask", CYAML_FLAG_OPTIONAL,
	    struct y_step, ask, 0, CYAML_UNLIMITED),
	CYAML_FIELD_STRING_PTR("answer", CYAML_FLAG_OPTIONAL,
	    struct y_step, answer, 0, CYAML_UNLIMITED),
	/* Auto-play stops after this step. */
	CYAML_FIELD_BOOL("pause", CYAML_FLAG_OPTIONAL, struct y_step, pause),
	/* Run `do` this many times (0 here: absent, meaning 1). */
	CYAML_FIELD_UINT("repeat", CYAML_FLAG_OPTIONAL, struct y_step, repeat),
	/* Names for objects: a mapping whose keys are expressions, which
	 * no schema can spell; read from the position pass instead. */
	CYAML_FIELD_IGNORE("label", CYAML_FLAG_OPTIONAL),
	CYAML_FIELD_END
};

/* A step is a mapping; the entry itself is not a pointer (FACTS.md). */
static const cyaml_schema_value_t step_entry = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct y_step, step_fields),
};

static const cyaml_schema_field_t function_fields[] = {
	/* The function's name, a Python identifier. */
	CYAML_FIELD_STRING_PTR("name", CYAML_FLAG_DEFAULT,
	    struct y_function, name, 0, CYAML_UNLIMITED),
	/* Parameter names, in order. */
	CYAML_FIELD_SEQUENCE("params", CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL,
	    struct y_function, params, &string_entry, 0, CYAML_UNLIMITED),
	/* The body: steps, at least one. */
	CYAML_FIELD_SEQUENCE("body", CYAML_FLAG_POINTER,
	    struct y_function, body, &step_entry, 1, CYAML_UNLIMITED),
	CYAML_FIELD_END
};

static const cyaml_schema_value_t function_entry = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct y_function,
	    function_fields),
};

static const cyaml_schema_field_t class_fields[] = {
	/* The class's name, a Python identifier. */
	CYAML_FIELD_STRING_PTR("name", CYAML_FLAG_DEFAULT,
	    struct y_class, name, 0, CYAML_UNLIMITED),
	CYAML_FIELD_END
};

static const cyaml_schema_value_t class_entry = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_DEFAULT, struct y_class, class_fields),
};

/* The collector models of `gc:`, matched exactly (strict: no numbers). */
static const cyaml_strval_t gc_strings[] = {
	{ "cpython",	GC_MODEL_CPYTHON },
	{ "textbook",	GC_MODEL_TEXTBOOK },
	{ "off",	GC_MODEL_OFF },
};

static const cyaml_schema_field_t settings_fields[] = {
	/* ints -5..256 are shared. */
	CYAML_FIELD_BOOL("small_int_cache", CYAML_FLAG_OPTIONAL,
	    struct y_settings, small_int_cache),
	/* Identifier-like str literals are shared. */
	CYAML_FIELD_BOOL("intern_strings", CYAML_FLAG_OPTIONAL,
	    struct y_settings, intern_strings),
	/* cpython | textbook | off */
	CYAML_FIELD_ENUM("gc", CYAML_FLAG_OPTIONAL | CYAML_FLAG_STRICT,
	    struct y_settings, gc, gc_strings, CYAML_ARRAY_LEN(gc_strings)),
	/* Gen-0 threshold, or live containers before mark & sweep. */
	CYAML_FIELD_UINT("gc_threshold", CYAML_FLAG_OPTIONAL,
	    struct y_settings, gc_threshold),
	/* The CPython version modelled: "3.11" (default) to "3.14". */
	CYAML_FIELD_STRING_PTR("python", CYAML_FLAG_OPTIONAL,
	    struct y_settings, python, 0, CYAML_UNLIMITED),
	CYAML_FIELD_END
};

static const cyaml_schema_field_t scenario_fields[] = {
	/* The format version: 1. */
	CYAML_FIELD_UINT("refscope", CYAML_FLAG_DEFAULT,
	    struct y_scenario, refscope),
	/* Shown in the title bar and the catalog. */
	CYAML_FIELD_STRING_PTR("title", CYAML_FLAG_DEFAULT,
	    struct y_scenario, title, 0, CYAML_UNLIMITED),
	/* Where it sits in a course. */
	CYAML_FIELD_STRING_PTR("section", CYAML_FLAG_OPTIONAL,
	    struct y_scenario, section, 0, CYAML_UNLIMITED),
	/* One line for the catalog. */
	CYAML_FIELD_STRING_PTR("summary", CYAML_FLAG_OPTIONAL,
	    struct y_scenario, summary, 0, CYAML_UNLIMITED),
	/* How the heap and the collector behave. */
	CYAML_FIELD_MAPPING("settings", CYAML_FLAG_OPTIONAL,
	    struct y_scenario, settings, settings_fields),
	/* Functions the steps may call. */
	CYAML_FIELD_SEQUENCE("functions",
	    CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL,
	    struct y_scenario, functions, &function_entry, 0, CYAML_UNLIMITED),
	/* Plain classes. */
	CYAML_FIELD_SEQUENCE("classes",
	    CYAML_FLAG_POINTER | CYAML_FLAG_OPTIONAL,
	    struct y_scenario, classes, &class_entry, 0, CYAML_UNLIMITED),
	/* What happens, at least one step. */
	CYAML_FIELD_SEQUENCE("steps", CYAML_FLAG_POINTER,
	    struct y_scenario, steps, &step_entry, 1, CYAML_UNLIMITED),
	CYAML_FIELD_END
};

static const cyaml_schema_value_t scenario_schema = {
	CYAML_VALUE_MAPPING(CYAML_FLAG_POINTER, struct y_scenario,
	    scenario_fields),
};

/* libcyaml allocates through xalloc, so the failure tests reach it too. */
static void *
cy_mem(void *ctx, void *ptr, size_t size)
{
	(void)ctx;
	if (size == 0) {
		xfree(ptr);
		return NULL;
	}
	return xrealloc(ptr, size);
}

/* libcyaml's log: kept silent, collected as a fallback message. */
static void
cy_log(cyaml_log_t level, void *ctx, const char *fmt, va_list args)
{
	struct strbuf *sb = ctx;

	if (level >= CYAML_LOG_ERROR && sb->len < 4096)
		strbuf_vprintf(sb, fmt, args);
}

/* --- checking the shape ----------------------------------------------- */

struct check {
	const char		*file;
	const struct yamlpos	*yp;
	struct diag		**errors;
	unsigned		 nerrors;
	bool			 stop;		/* checked enough */
	bool			 too_many;	/* ... because of errors */
	uint32_t		 written;	/* steps, bodies included */
	struct named		*names;	/* of functions, classes */
	size_t			 name_count;
	size_t			 name_cap;
};

/* A function, class or parameter name, for finding the same name twice. */
struct named {
	const char	*name;
	struct srcpos	 pos;
	const char	*what;		/* "function", "class", ... */
	size_t		 order;
};

static void
report(struct check *ck, struct srcpos pos, const char *hint,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
report(struct check *ck, struct srcpos pos, const char *hint,
    const char *fmt, ...)
{
	struct diag *d;
	va_list ap;

	if (ck->stop)
		return;
	va_start(ap, fmt);
	d = diag_newv(ck->file, pos, DIAG_MALFORMED, fmt, ap);
	va_end(ap);
	if (hint != NULL)
		diag_set_hint(d, "%s", hint);
	diag_append(ck->errors, d);
	if (++ck->nerrors == MAX_ERRORS) {
		ck->too_many = true;
		ck->stop = true;
	}
}

struct ordered {
	struct diag	*d;
	size_t		 order;
};

static int
ordered_cmp(const void *a, const void *b)
{
	const struct ordered *x = a, *y = b;

	if (x->d->pos.line != y->d->pos.line)
		return x->d->pos.line < y->d->pos.line ? -1 : 1;
	if (x->d->pos.col != y->d->pos.col)
		return x->d->pos.col < y->d->pos.col ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

/*
 * The checks run key by key, which is not quite the order of the file:
 * sort the list by position (keeping the order of equal positions), as
 * an author reads it from the top.
 */
static struct diag *
sort_by_position(struct diag *list)
{
	struct ordered *v;
	struct diag *d, **tail;
	size_t n = 0, i;

	for (d = list; d != NULL; d = d->next)
		n++;
	if (n < 2)
		return list;
	v = xreallocarray(NULL, n, sizeof *v);
	for (d = list, i = 0; d != NULL; d = d->next, i++) {
		v[i].d = d;
		v[i].order = i;
	}
	qsort(v, n, sizeof *v, ordered_cmp);
	tail = &list;
	for (i = 0; i < n; i++) {
		*tail = v[i].d;
		tail = &v[i].d->next;
	}
	*tail = NULL;
	xfree(v);
	return list;
}

/*
 * What was found where something else was expected, for messages:
 * "a mapping", "a sequence", "nothing", or the text in quotes (cut short).
 */
static char *
found(const struct yamlpos_node *n)
{
	size_t cut;

	if (n->kind == YAMLPOS_MAPPING)
		return xstrdup("a mapping");
	if (n->kind == YAMLPOS_SEQUENCE)
		return xstrdup("a sequence");
	if (n->empty)
		return xstrdup("nothing");
	if (utf8_count(n->value, n->len) <= 40)
		return xasprintf("'%s'", n->value);
	for (cut = 0; cut < n->len && utf8_count(n->value, cut) < 37; cut++)
		;
	while (cut < n->len && ((unsigned char)n->value[cut] & 0xc0) == 0x80)
		cut++;
	return xasprintf("'%.*s...'", (int)cut, n->value);
}

/* Optimal string alignment distance, for "did you mean". */
static size_t
edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, best;
	size_t d[33][33];

	if (la > 32 || lb > 32)
		return SIZE_MAX;
	for (i = 0; i <= la; i++)
		d[i][0] = i;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	for (i = 1; i <= la; i++)
		for (j = 1; j <= lb; j++) {
			best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	return d[la][lb];
}

/* The candidate nearest to word, if it is near enough to be a typo. */
static const char *
nearest(const char *word, const char *const *candidates)
{
	const char *best = NULL;
	size_t d, best_d = SIZE_MAX, limit;

	for (; *candidates != NULL; candidates++) {
		d = edit_distance(word, *candidates);
		limit = strlen(*candidates) <= 3 ? 1 : 2;
		if (d <= limit && d < best_d) {
			best = *candidates;
			best_d = d;
		}
	}
	return best;
}

static const char *const root_keys[] = {
	"refscope", "title", "section", "summary", "settings", "functions",
	"classes", "steps", NULL
};
static const char *const settings_keys[] = {
	"small_int_cache", "intern_strings", "gc", "gc_threshold", "python",
	NULL
};
static const char *const function_keys[] = { "name", "params", "body", NULL };
static const char *const class_keys[] = { "name", NULL };
static const char *const step_keys[] = {
	"do", "say", "expect", "ask", "answer", "pause", "repeat", "label",
	NULL
};
static const char *const gc_names[] = { "cpython", "textbook", "off", NULL };

static bool
is_one_of(const char *word, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strcmp(word, *list) == 0)
			return true;
	return false;
}

/*
 * Every key of mapping m must be in keys; where names the mapping.
 * Returns how many were not.
 */
static unsigned
check_keys(struct check *ck, const struct yamlpos_node *m,
    const char *const *keys, const char *where)
{
	const struct yamlpos_node *n;
	struct strbuf list = STRBUF_INIT;
	const char *const *k;
	const char *guess;
	unsigned unknown = 0;
	char *hint;

	for (k = keys; *k != NULL; k++)
		strbuf_printf(&list, "%s%s", k == keys ? "" : ", ", *k);
	for (n = yamlpos_first(ck->yp, m); n != NULL;
	    n = yamlpos_next(ck->yp, n)) {
		if (is_one_of(n->key, keys))
			continue;
		hint = NULL;
		if ((guess = nearest(n->key, keys)) != NULL)
			hint = xasprintf("did you mean '%s'?", guess);
		report(ck, n->key_pos, hint,
		    "unknown key '%.60s' in %s; expected one of: %s", n->key,
		    where, strbuf_str(&list));
		xfree(hint);
		unknown++;
	}
	strbuf_free(&list);
	return unknown;
}

/*
 * n must be a scalar (text); label names it in messages ("'title'").  An
 * empty value is an error when required.  Returns whether n is good.
 */
static bool
check_text(struct check *ck, const struct yamlpos_node *n, const char *label,
    const char *what, bool nonempty)
{
	size_t chars;
	char *f;

	if (n->kind != YAMLPOS_SCALAR) {
		f = found(n);
		report(ck, n->value_pos, NULL, "%s must be %s, found %s", label,
		    what, f);
		xfree(f);
		return false;
	}
	if (nonempty && n->len == 0) {
		report(ck, n->value_pos, NULL, "%s is empty; expected %s",
		    label, what);
		return false;
	}
	if (memchr(n->value, '\0', n->len) != NULL) {
		report(ck, n->value_pos, "remove the \\0 escape",
		    "%s contains a NUL character", label);
		return false;
	}
	if ((chars = utf8_count(n->value, n->len)) > LIMIT_MAX_STRING) {
		report(ck, n->value_pos, "split it into several steps",
		    "%s is %zu characters long; the limit is %u (DESIGN §8)",
		    label, chars, LIMIT_MAX_STRING);
		return false;
	}
	return true;
}

enum number {
	NUMBER_OK,
	NUMBER_NEGATIVE,	/* -digits */
	NUMBER_BAD		/* anything else */
};

/*
 * A whole number written as plain decimal digits, without leading zeros
 * (YAML 1.1 and libcyaml read 010 as 8).  Values past UINT64_MAX / 10 are
 * capped, which is past every limit here.
 */
static enum number
parse_number(const struct yamlpos_node *n, uint64_t *out)
{
	const char *s;
	uint64_t v = 0;
	size_t i;

	if (n->kind != YAMLPOS_SCALAR || n->len == 0)
		return NUMBER_BAD;
	s = n->value;
	i = (s[0] == '-') ? 1 : 0;
	if (i == n->len)
		return NUMBER_BAD;
	if (s[i] == '0' && n->len > i + 1)
		return NUMBER_BAD;
	for (; i < n->len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return NUMBER_BAD;
		if (v < UINT64_MAX / 100)
			v = v * 10 + (uint64_t)(s[i] - '0');
	}
	*out = v;
	return s[0] == '-' ? NUMBER_NEGATIVE : NUMBER_OK;
}

static void
bad_number(struct check *ck, const struct yamlpos_node *n, const char *key)
{
	char *f = found(n);

	report(ck, n->value_pos, n->kind == YAMLPOS_SCALAR && n->len > 1 &&
	    n->value[0] == '0' ? "write it without leading zeros" : NULL,
	    "'%s' must be a whole number, found %s", key, f);
	xfree(f);
}

static void
check_bool(struct check *ck, const struct yamlpos_node *n, const char *key)
{
	char *f;

	if (n->kind == YAMLPOS_SCALAR && (strcmp(n->value, "true") == 0 ||
	    strcmp(n->value, "false") == 0))
		return;
	f = found(n);
	report(ck, n->value_pos, NULL, "'%s' must be true or false, found %s",
	    key, f);
	xfree(f);
}

static const char *const python_keywords[] = {
	"False", "None", "True", "and", "as", "assert", "async", "await",
	"break", "class", "continue", "def", "del", "elif", "else", "except",
	"finally", "for", "from", "global", "if", "import", "in", "is",
	"lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try",
	"while", "with", "yield", NULL
};

/* A name the subset can use: an ASCII Python identifier, not a keyword. */
static void
check_identifier(struct check *ck, const struct yamlpos_node *n,
    const char *label, const char *what)
{
	const char *s;
	bool ok;

	if (!check_text(ck, n, label, "a Python name", true))
		return;
	s = n->value;
	ok = (s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z') ||
	    s[0] == '_';
	for (; ok && *s != '\0'; s++)
		ok = (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || *s == '_';
	if (!ok) {
		report(ck, n->value_pos, "a name is letters, digits and _, "
		    "and does not start with a digit",
		    "'%.60s' is not a Python identifier, so it cannot name "
		    "a %s", n->value, what);
		return;
	}
	if (is_one_of(n->value, python_keywords))
		report(ck, n->value_pos, NULL,
		    "'%s' is a Python keyword, so it cannot name a %s",
		    n->value, what);
}

static void
add_name(struct check *ck, const struct yamlpos_node *n, const char *what)
{
	struct named *e;

	if (n->kind != YAMLPOS_SCALAR || n->len == 0)
		return;
	if (ck->name_count == ck->name_cap) {
		ck->name_cap = ck->name_cap == 0 ? 16 : ck->name_cap * 2;
		ck->names = xreallocarray(ck->names, ck->name_cap,
		    sizeof *ck->names);
	}
	e = &ck->names[ck->name_count];
	e->name = n->value;
	e->pos = n->value_pos;
	e->what = what;
	e->order = ck->name_count++;
}

static int
named_cmp(const void *a, const void *b)
{
	const struct named *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	if (c != 0)
		return c;
	return x->order < y->order ? -1 : x->order > y->order;
}

/*
 * Each name in ck->names may be given once; the second and later uses are
 * reported.  Sorting keeps this fast for a file of many thousands.
 */
static void
check_unique(struct check *ck, bool params)
{
	size_t i, first = 0;
	struct named *e, *f;

	if (ck->name_count < 2) {
		ck->name_count = 0;
		return;
	}
	qsort(ck->names, ck->name_count, sizeof *ck->names, named_cmp);
	for (i = 1; i < ck->name_count; i++) {
		if (strcmp(ck->names[i].name, ck->names[first].name) != 0) {
			first = i;
			continue;
		}
		e = &ck->names[i];
		f = &ck->names[first];
		if (strcmp(e->what, f->what) == 0 && params)
			report(ck, e->pos, "rename or remove one of them",
			    "parameter '%s' is given twice; the first is at "
			    "line %u, column %u", e->name, f->pos.line,
			    f->pos.col);
		else if (strcmp(e->what, f->what) == 0)
			report(ck, e->pos, "rename or remove one of them",
			    "%s '%s' is defined twice; the first definition "
			    "is at line %u, column %u", e->what, e->name,
			    f->pos.line, f->pos.col);
		else
			report(ck, e->pos, "rename one of them",
			    "'%s' names both a %s (line %u) and a %s", e->name,
			    f->what, f->pos.line, e->what);
	}
	ck->name_count = 0;
}

/* A sequence whose items are checked one by one; false if n is not one. */
static bool
check_sequence(struct check *ck, const struct yamlpos_node *n,
    const char *key, const char *of, const char *hint)
{
	char *f;

	if (n->kind == YAMLPOS_SEQUENCE)
		return true;
	f = found(n);
	report(ck, n->value_pos, hint,
	    "'%s' must be a sequence of %s, found %s", key, of, f);
	xfree(f);
	return false;
}

static bool
check_mapping(struct check *ck, const struct yamlpos_node *n,
    const char *what, const char *hint)
{
	char *f;

	if (n->kind == YAMLPOS_MAPPING)
		return true;
	f = found(n);
	report(ck, n->value_pos, hint, "%s must be a mapping, found %s", what,
	    f);
	xfree(f);
	return false;
}

/*
 * label -> mapping of subject: name, at most SCENARIO_MAX_STEP_LABELS; a
 * subject is an expression (the compiler parses it), a name one line of
 * text of at most SCENARIO_MAX_LABEL characters.
 */
static void
check_labels(struct check *ck, const struct yamlpos_node *n)
{
	const struct yamlpos_node	*e;
	size_t				 chars;
	char				*f;

	if (n->kind != YAMLPOS_MAPPING) {
		f = found(n);
		report(ck, n->value_pos, "write label: {r.a: \"node 1\"}",
		    "label: must map objects to names, found %s", f);
		xfree(f);
		return;
	}
	if (n->child_count > SCENARIO_MAX_STEP_LABELS)
		report(ck, n->value_pos, "label the rest in a later step",
		    "label: has %u entries; the limit is %u", n->child_count,
		    SCENARIO_MAX_STEP_LABELS);
	for (e = yamlpos_first(ck->yp, n); e != NULL;
	    e = yamlpos_next(ck->yp, e)) {
		if (!check_text(ck, e, "a label", "text such as \"node 1\"",
		    true))
			continue;
		if ((chars = utf8_count(e->value, e->len)) > SCENARIO_MAX_LABEL)
			report(ck, e->value_pos, "a box shows the label in "
			    "its title: keep it short", "the label is %zu "
			    "characters long; the limit is %u", chars,
			    SCENARIO_MAX_LABEL);
		else if (strpbrk(e->value, "\n\r\t") != NULL)
			report(ck, e->value_pos, NULL,
			    "a label is one line of text");
	}
}

/*
 * step -> mapping of do: say: expect: ask: answer: pause: repeat: label:,
 * with do: or say:; answer: only with ask:.
 */
static void
check_step(struct check *ck, const struct yamlpos_node *s)
{
	const struct yamlpos_node *n, *e, *code, *say, *rep;
	uint64_t v;
	enum number num;
	unsigned unknown;
	char *f, *hint;

	if (s->kind != YAMLPOS_MAPPING) {
		f = found(s);
		hint = s->kind == YAMLPOS_SCALAR && !s->empty ?
		    xasprintf("write '- do: %.60s'", s->value) : NULL;
		report(ck, s->value_pos, hint,
		    "a step must be a mapping with 'do:' or 'say:', found %s",
		    f);
		xfree(hint);
		xfree(f);
		return;
	}
	unknown = check_keys(ck, s, step_keys, "a step");
	if ((code = yamlpos_get(ck->yp, s, "do")) != NULL)
		check_text(ck, code, "'do'", "one statement", true);
	if ((say = yamlpos_get(ck->yp, s, "say")) != NULL)
		check_text(ck, say, "'say'", "text", false);
	if ((n = yamlpos_get(ck->yp, s, "expect")) != NULL &&
	    check_sequence(ck, n, "expect", "checks",
	    "write each check on its own line: '- refcount(x) == 1'"))
		for (e = yamlpos_first(ck->yp, n); e != NULL;
		    e = yamlpos_next(ck->yp, e))
			check_text(ck, e, "an expect: check",
			    "a check such as refcount(x) == 1", true);
	if ((n = yamlpos_get(ck->yp, s, "ask")) != NULL)
		check_text(ck, n, "an ask:", "a question such as refcount(x)",
		    true);
	if ((e = yamlpos_get(ck->yp, s, "answer")) != NULL) {
		check_text(ck, e, "an answer:", "a number, true or false",
		    true);
		if (n == NULL)
			report(ck, e->key_pos, "add 'ask: refcount(x)' (the "
			    "question it answers)", "'answer' needs an 'ask:'");
	}
	if ((n = yamlpos_get(ck->yp, s, "pause")) != NULL)
		check_bool(ck, n, "pause");
	if ((n = yamlpos_get(ck->yp, s, "label")) != NULL)
		check_labels(ck, n);
	if ((rep = yamlpos_get(ck->yp, s, "repeat")) != NULL) {
		num = parse_number(rep, &v);
		if (num == NUMBER_BAD)
			bad_number(ck, rep, "repeat");
		else if (num == NUMBER_NEGATIVE || v < 1 ||
		    v > SCENARIO_MAX_REPEAT)
			report(ck, rep->value_pos, NULL,
			    "repeat: must be between 1 and %u, found %s",
			    SCENARIO_MAX_REPEAT, rep->value);
	}
	/* A misspelt key is the likely cause: say that only. */
	if (code == NULL && say == NULL && unknown == 0)
		report(ck, s->key_pos, "add 'do: STATEMENT' or 'say: TEXT'",
		    "a step needs 'do:' or 'say:'");
	else if (code == NULL && rep != NULL)
		report(ck, rep->key_pos, NULL,
		    "'repeat' needs a 'do:' to repeat");
}

/* steps -> sequence of step, at least one; key is "steps" or "body". */
static void
check_steps(struct check *ck, const struct yamlpos_node *n, const char *key)
{
	const struct yamlpos_node *s;

	if (!check_sequence(ck, n, key, "steps",
	    "write each step on its own line, starting with '- do:'"))
		return;
	if (n->child_count == 0)
		report(ck, n->value_pos, NULL,
		    "'%s' must have at least one step", key);
	for (s = yamlpos_first(ck->yp, n); s != NULL;
	    s = yamlpos_next(ck->yp, s)) {
		if (++ck->written > SCENARIO_MAX_WRITTEN_STEPS) {
			report(ck, s->key_pos, "split the scenario into "
			    "several files", "more than %u written steps (the "
			    "limit of DESIGN §8)", SCENARIO_MAX_WRITTEN_STEPS);
			ck->stop = true;
			return;
		}
		check_step(ck, s);
	}
}

/* function -> mapping of name: params: body: */
static void
check_function(struct check *ck, const struct yamlpos_node *fn)
{
	const struct yamlpos_node *n, *p;
	size_t saved_count, saved_cap;
	struct named *saved;

	if (!check_mapping(ck, fn, "a function",
	    "write '- name: NAME', then 'params:' and 'body:'"))
		return;
	check_keys(ck, fn, function_keys, "a function");
	if ((n = yamlpos_get(ck->yp, fn, "name")) != NULL) {
		check_identifier(ck, n, "'name'", "function");
		add_name(ck, n, "function");
	} else
		report(ck, fn->value_pos, NULL,
		    "missing required key 'name' in a function");
	if ((n = yamlpos_get(ck->yp, fn, "params")) != NULL &&
	    check_sequence(ck, n, "params", "names", "write params: [a, b]")) {
		/* Parameters are unique per function, not per file. */
		saved = ck->names;
		saved_count = ck->name_count;
		saved_cap = ck->name_cap;
		ck->names = NULL;
		ck->name_count = ck->name_cap = 0;
		for (p = yamlpos_first(ck->yp, n); p != NULL;
		    p = yamlpos_next(ck->yp, p)) {
			check_identifier(ck, p, "a parameter", "parameter");
			add_name(ck, p, "parameter");
		}
		check_unique(ck, true);
		xfree(ck->names);
		ck->names = saved;
		ck->name_count = saved_count;
		ck->name_cap = saved_cap;
	}
	if ((n = yamlpos_get(ck->yp, fn, "body")) != NULL)
		check_steps(ck, n, "body");
	else
		report(ck, fn->value_pos, "add 'body:' with at least one step",
		    "missing required key 'body' in a function");
}

/* class -> mapping of name: */
static void
check_class(struct check *ck, const struct yamlpos_node *cl)
{
	const struct yamlpos_node *n;

	if (!check_mapping(ck, cl, "a class", "write '- name: NAME'"))
		return;
	check_keys(ck, cl, class_keys, "a class");
	if ((n = yamlpos_get(ck->yp, cl, "name")) != NULL) {
		check_identifier(ck, n, "'name'", "class");
		add_name(ck, n, "class");
	} else
		report(ck, cl->value_pos, NULL,
		    "missing required key 'name' in a class");
}

/* settings -> mapping of small_int_cache: intern_strings: gc: gc_threshold:
 * python: */
static void
check_settings(struct check *ck, const struct yamlpos_node *st)
{
	const struct yamlpos_node *n;
	const char *guess;
	uint64_t v;
	enum number num;
	char *f, *hint;

	if (!check_mapping(ck, st, "'settings'", NULL))
		return;
	check_keys(ck, st, settings_keys, "settings");
	if ((n = yamlpos_get(ck->yp, st, "small_int_cache")) != NULL)
		check_bool(ck, n, "small_int_cache");
	if ((n = yamlpos_get(ck->yp, st, "intern_strings")) != NULL)
		check_bool(ck, n, "intern_strings");
	if ((n = yamlpos_get(ck->yp, st, "gc")) != NULL &&
	    (n->kind != YAMLPOS_SCALAR || !is_one_of(n->value, gc_names))) {
		f = found(n);
		guess = n->kind == YAMLPOS_SCALAR ?
		    nearest(n->value, gc_names) : NULL;
		hint = guess != NULL ? xasprintf("did you mean '%s'?", guess) :
		    NULL;
		report(ck, n->value_pos, hint,
		    "gc: expected one of cpython, textbook, off, found %s", f);
		xfree(hint);
		xfree(f);
	}
	if ((n = yamlpos_get(ck->yp, st, "python")) != NULL) {
		enum py_version pv;

		if (n->kind != YAMLPOS_SCALAR ||
		    !pyversion_parse(n->value, n->len, &pv)) {
			f = found(n);
			report(ck, n->value_pos, NULL, "python: expected "
			    PY_VERSION_CHOICES ", found %s", f);
			xfree(f);
		}
	}
	if ((n = yamlpos_get(ck->yp, st, "gc_threshold")) != NULL) {
		num = parse_number(n, &v);
		if (num == NUMBER_BAD)
			bad_number(ck, n, "gc_threshold");
		else if (num == NUMBER_NEGATIVE || v < 1)
			report(ck, n->value_pos, NULL,
			    "gc_threshold must be at least 1, found %s",
			    n->value);
		else if (v > UINT32_MAX)
			report(ck, n->value_pos, NULL,
			    "gc_threshold must be at most %u, found %s",
			    UINT32_MAX, n->value);
	}
}

/* The format version, checked first: another version has other keys. */
static bool
check_version(struct check *ck, const struct yamlpos_node *root)
{
	const struct yamlpos_node *n = yamlpos_get(ck->yp, root, "refscope");
	uint64_t v;
	char *f;

	if (n == NULL)
		return true;	/* reported with the other missing keys */
	if (parse_number(n, &v) != NUMBER_OK) {
		f = found(n);
		report(ck, n->value_pos, "write 'refscope: 1'",
		    "refscope: expected the format version 1, found %s", f);
		xfree(f);
		return false;
	}
	if (v != 1) {
		report(ck, n->value_pos, "this refscope reads format 1 only",
		    "refscope: %s is not a supported format version; "
		    "expected 1", n->value);
		return false;
	}
	return true;
}

/*
 * scenario -> mapping of refscope: title: [section:] [summary:]
 *             [settings:] [functions:] [classes:] steps:
 */
static void
check_scenario(struct check *ck)
{
	const struct yamlpos_node *root = yamlpos_root(ck->yp), *n, *e;
	static const char *const required[] = { "refscope", "title", "steps" };
	static const char *const required_hint[] = {
		"a scenario starts with 'refscope: 1'",
		"add 'title: ...', shown in the title bar",
		"add 'steps:' with at least one step"
	};
	size_t i;
	char *f;

	if (root == NULL || (root->kind == YAMLPOS_SCALAR && root->empty)) {
		report(ck, nowhere, NULL, "the file is empty; a scenario "
		    "needs refscope:, title: and steps:");
		return;
	}
	if (root->kind != YAMLPOS_MAPPING) {
		f = found(root);
		report(ck, root->value_pos, NULL, "a scenario must be a "
		    "mapping with refscope:, title: and steps:, found %s", f);
		xfree(f);
		return;
	}
	if (!check_version(ck, root))
		return;
	check_keys(ck, root, root_keys, "the scenario");
	for (n = yamlpos_first(ck->yp, root); n != NULL && !ck->stop;
	    n = yamlpos_next(ck->yp, n)) {
		if (strcmp(n->key, "title") == 0)
			check_text(ck, n, "'title'", "text", true);
		else if (strcmp(n->key, "section") == 0)
			check_text(ck, n, "'section'", "text", false);
		else if (strcmp(n->key, "summary") == 0)
			check_text(ck, n, "'summary'", "text", false);
		else if (strcmp(n->key, "settings") == 0)
			check_settings(ck, n);
		else if (strcmp(n->key, "functions") == 0) {
			if (check_sequence(ck, n, "functions", "functions",
			    "write each function as '- name: NAME'"))
				for (e = yamlpos_first(ck->yp, n); e != NULL &&
				    !ck->stop; e = yamlpos_next(ck->yp, e))
					check_function(ck, e);
		} else if (strcmp(n->key, "classes") == 0) {
			if (check_sequence(ck, n, "classes", "classes",
			    "write each class as '- name: NAME'"))
				for (e = yamlpos_first(ck->yp, n); e != NULL &&
				    !ck->stop; e = yamlpos_next(ck->yp, e))
					check_class(ck, e);
		} else if (strcmp(n->key, "steps") == 0)
			check_steps(ck, n, "steps");
	}
	if (!ck->stop)
		check_unique(ck, false);
	for (i = 0; i < 3; i++)
		if (yamlpos_get(ck->yp, root, required[i]) == NULL)
			report(ck, root->value_pos, required_hint[i],
			    "missing required key '%s'", required[i]);
}

/* --- from libcyaml's structs to struct scenario ------------------------ */

static void
text_set(struct text *t, const struct yamlpos_node *n, const char *value)
{
	memset(t, 0, sizeof *t);
	if (value == NULL || n == NULL)
		return;
	t->value = xstrdup(value);
	t->len = strlen(value);
	t->pos = n->text_pos;
	t->style = n->style;
	t->indent = n->indent;
	t->raw = n->raw;
	t->raw_len = n->raw_len;
}

static void
text_free(struct text *t)
{
	xfree(t->value);
	t->value = NULL;
}

/* A step's label: mapping n (checked), or nothing when n is NULL.  A
 * subject is a key, which the position pass keeps as text only: it is
 * located as written on one line from where its text starts (a key with
 * escapes or on several lines is located approximately). */
static void
convert_labels(const struct yamlpos *yp, const struct yamlpos_node *n,
    struct scenario_step *s)
{
	const struct yamlpos_node *e;

	s->labels = xcalloc(n != NULL && n->child_count > 0 ? n->child_count :
	    1, sizeof *s->labels);
	if (n == NULL)
		return;
	for (e = yamlpos_first(yp, n); e != NULL; e = yamlpos_next(yp, e)) {
		struct scenario_label *l = &s->labels[s->label_count++];

		l->subject.value = xstrdup(e->key);
		l->subject.len = strlen(e->key);
		l->subject.pos = e->key_text_pos;
		text_set(&l->name, e, e->value);
	}
}

/* The steps of path[...] (prefix "steps" or "functions[3].body"). */
static struct scenario_step *
convert_steps(const struct yamlpos *yp, const char *prefix,
    const struct y_step *ys, unsigned count)
{
	struct scenario_step *steps, *s;
	const struct yamlpos_node *n, *sn;
	unsigned i, j;

	steps = xcalloc(count == 0 ? 1 : count, sizeof *steps);
	for (i = 0; i < count; i++) {
		s = &steps[i];
		sn = yamlpos_findf(yp, "%s[%u]", prefix, i);
		if (sn != NULL)
			s->pos = sn->key_pos;
		text_set(&s->code, yamlpos_findf(yp, "%s[%u].do", prefix, i),
		    ys[i].do_);
		text_set(&s->say, yamlpos_findf(yp, "%s[%u].say", prefix, i),
		    ys[i].say);
		s->expect_count = ys[i].expect_count;
		s->expects = xcalloc(s->expect_count == 0 ? 1 : s->expect_count,
		    sizeof *s->expects);
		for (j = 0; j < s->expect_count; j++)
			text_set(&s->expects[j], yamlpos_findf(yp,
			    "%s[%u].expect[%u]", prefix, i, j),
			    ys[i].expect[j]);
		convert_labels(yp, yamlpos_findf(yp, "%s[%u].label", prefix, i),
		    s);
		text_set(&s->ask, yamlpos_findf(yp, "%s[%u].ask", prefix, i),
		    ys[i].ask);
		text_set(&s->answer, yamlpos_findf(yp, "%s[%u].answer", prefix,
		    i), ys[i].answer);
		s->pause = ys[i].pause;
		n = yamlpos_findf(yp, "%s[%u].repeat", prefix, i);
		s->repeat = n != NULL ? ys[i].repeat : 1;
		s->repeat_pos = n != NULL ? n->value_pos : s->pos;
		s->has_repeat = n != NULL;
	}
	return steps;
}

static void
free_steps(struct scenario_step *steps, uint32_t count)
{
	uint32_t i, j;

	if (steps == NULL)
		return;
	for (i = 0; i < count; i++) {
		text_free(&steps[i].code);
		text_free(&steps[i].say);
		text_free(&steps[i].ask);
		text_free(&steps[i].answer);
		for (j = 0; j < steps[i].expect_count; j++)
			text_free(&steps[i].expects[j]);
		xfree(steps[i].expects);
		for (j = 0; j < steps[i].label_count; j++) {
			text_free(&steps[i].labels[j].subject);
			text_free(&steps[i].labels[j].name);
		}
		xfree(steps[i].labels);
	}
	xfree(steps);
}

static void
convert(struct scenario *sc, const struct yamlpos *yp,
    const struct y_scenario *y)
{
	const struct yamlpos_node *n, *st;
	struct scenario_function *fn;
	char *prefix;
	unsigned i, j;

	sc->version = y->refscope;
	text_set(&sc->title, yamlpos_find(yp, "title"), y->title);
	text_set(&sc->section, yamlpos_find(yp, "section"), y->section);
	text_set(&sc->summary, yamlpos_find(yp, "summary"), y->summary);

	/* Defaults for what the file does not say (libcyaml has none). */
	sc->settings.small_int_cache = true;
	sc->settings.intern_strings = true;
	sc->settings.gc = GC_MODEL_CPYTHON;
	sc->settings.gc_threshold = 0;	/* the version's */
	if ((st = yamlpos_find(yp, "settings")) != NULL) {
		sc->settings.pos = st->key_pos;
		if (yamlpos_get(yp, st, "small_int_cache") != NULL)
			sc->settings.small_int_cache =
			    y->settings.small_int_cache;
		if (yamlpos_get(yp, st, "intern_strings") != NULL)
			sc->settings.intern_strings =
			    y->settings.intern_strings;
		if (yamlpos_get(yp, st, "gc") != NULL)
			sc->settings.gc = y->settings.gc;
		if (yamlpos_get(yp, st, "gc_threshold") != NULL)
			sc->settings.gc_threshold = y->settings.gc_threshold;
		/* checked by check_settings */
		if (y->settings.python != NULL &&
		    pyversion_parse(y->settings.python,
		    strlen(y->settings.python), &sc->settings.python))
			sc->settings.python_set = true;
	}

	sc->function_count = y->functions_count;
	sc->functions = xcalloc(y->functions_count == 0 ? 1 :
	    y->functions_count, sizeof *sc->functions);
	for (i = 0; i < y->functions_count; i++) {
		fn = &sc->functions[i];
		if ((n = yamlpos_findf(yp, "functions[%u]", i)) != NULL)
			fn->pos = n->key_pos;
		text_set(&fn->name, yamlpos_findf(yp, "functions[%u].name", i),
		    y->functions[i].name);
		fn->param_count = y->functions[i].params_count;
		fn->params = xcalloc(fn->param_count == 0 ? 1 : fn->param_count,
		    sizeof *fn->params);
		for (j = 0; j < fn->param_count; j++)
			text_set(&fn->params[j], yamlpos_findf(yp,
			    "functions[%u].params[%u]", i, j),
			    y->functions[i].params[j]);
		prefix = xasprintf("functions[%u].body", i);
		fn->body_count = y->functions[i].body_count;
		fn->body = convert_steps(yp, prefix, y->functions[i].body,
		    y->functions[i].body_count);
		xfree(prefix);
	}

	sc->class_count = y->classes_count;
	sc->classes = xcalloc(y->classes_count == 0 ? 1 : y->classes_count,
	    sizeof *sc->classes);
	for (i = 0; i < y->classes_count; i++) {
		if ((n = yamlpos_findf(yp, "classes[%u]", i)) != NULL)
			sc->classes[i].pos = n->key_pos;
		text_set(&sc->classes[i].name, yamlpos_findf(yp,
		    "classes[%u].name", i), y->classes[i].name);
	}

	sc->step_count = y->steps_count;
	sc->steps = convert_steps(yp, "steps", y->steps, y->steps_count);
}

bool
scenario_is_python(const char *name)
{
	size_t n = name != NULL ? strlen(name) : 0;

	return n >= 3 && strcmp(name + n - 3, ".py") == 0;
}

struct srcpos
scenario_editor_pos(const struct scenario *s, struct srcpos pos)
{
	return diag_lines_editor(&s->lines, pos);
}

void
scenario_free(struct scenario *s)
{
	uint32_t i, j;

	if (s == NULL)
		return;
	diag_lines_free(&s->lines);
	text_free(&s->title);
	text_free(&s->section);
	text_free(&s->summary);
	for (i = 0; s->functions != NULL && i < s->function_count; i++) {
		text_free(&s->functions[i].name);
		for (j = 0; j < s->functions[i].param_count; j++)
			text_free(&s->functions[i].params[j]);
		xfree(s->functions[i].params);
		free_steps(s->functions[i].body, s->functions[i].body_count);
	}
	xfree(s->functions);
	for (i = 0; s->classes != NULL && i < s->class_count; i++)
		text_free(&s->classes[i].name);
	xfree(s->classes);
	free_steps(s->steps, s->step_count);
	xfree(s->file);
	xfree(s->source);
	xfree(s);
}

/* --- loading ----------------------------------------------------------- */

static void
error_at(struct diag **errors, const char *file, struct srcpos pos,
    const char *hint, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void
error_at(struct diag **errors, const char *file, struct srcpos pos,
    const char *hint, const char *fmt, ...)
{
	struct diag *d;
	va_list ap;

	va_start(ap, fmt);
	d = diag_newv(file, pos, DIAG_MALFORMED, fmt, ap);
	va_end(ap);
	if (hint != NULL)
		diag_set_hint(d, "%s", hint);
	diag_append(errors, d);
}

/* A file over SCENARIO_MAX_FILE_BYTES: read, given, or about to be read. */
static void
too_large(struct diag **errors, const char *file)
{
	error_at(errors, file, nowhere, "split it into several scenarios",
	    "file is larger than %u MiB (the limit of DESIGN §8)",
	    SCENARIO_MAX_FILE_BYTES / (1024u * 1024u));
}

/*
 * Takes source (xmalloc'd, len bytes plus a NUL): the scenario owns it on
 * success, and it is freed on failure.
 */
static int
load(const char *name, char *source, size_t len, struct scenario **out,
    struct diag **errors)
{
	struct yamlpos *yp = NULL;
	struct y_scenario *y = NULL;
	struct strbuf log = STRBUF_INIT;
	struct diag *found_errors = NULL;
	struct scenario *sc;
	struct check ck;
	cyaml_config_t cfg;
	cyaml_err_t err;

	if (len > SCENARIO_MAX_FILE_BYTES) {
		too_large(errors, name);
		xfree(source);
		return -1;
	}
	if (scenario_is_python(name))
		return pyfile_load(name, source, len, out, errors);
	if (yamlpos_scan(name, source, len, SCENARIO_MAX_NESTING, &yp,
	    errors) != 0) {
		xfree(source);
		return -1;
	}

	memset(&ck, 0, sizeof ck);
	ck.file = name;
	ck.yp = yp;
	ck.errors = &found_errors;
	check_scenario(&ck);
	xfree(ck.names);
	if (found_errors != NULL) {
		found_errors = sort_by_position(found_errors);
		if (ck.too_many)
			diag_append(&found_errors, diag_new(name, nowhere,
			    DIAG_MALFORMED, "too many errors; stopping here"));
		diag_append(errors, found_errors);
		yamlpos_free(yp);
		xfree(source);
		return -1;
	}

	memset(&cfg, 0, sizeof cfg);
	cfg.log_fn = cy_log;
	cfg.log_ctx = &log;
	cfg.mem_fn = cy_mem;
	cfg.log_level = CYAML_LOG_ERROR;
	cfg.flags = CYAML_CFG_NO_ALIAS;
	err = cyaml_load_data((const uint8_t *)source, len, &cfg,
	    &scenario_schema, (cyaml_data_t **)&y, NULL);
	if (err != CYAML_OK || y == NULL) {
		/* The shape was checked: this is refscope's own fault. */
		error_at(errors, name, nowhere, "please report this as a bug "
		    "in refscope", "the YAML loader rejected the file: %s%s%s",
		    cyaml_strerror(err), log.len > 0 ? ": " : "",
		    strbuf_str(&log));
		if (y != NULL)
			cyaml_free(&cfg, &scenario_schema, y, 0);
		strbuf_free(&log);
		yamlpos_free(yp);
		xfree(source);
		return -1;
	}
	strbuf_free(&log);

	sc = xcalloc(1, sizeof *sc);
	sc->file = xstrdup(name);
	sc->source = source;
	sc->source_len = len;
	diag_lines_build(&sc->lines, source);
	convert(sc, yp, y);
	cyaml_free(&cfg, &scenario_schema, y, 0);
	yamlpos_free(yp);
	*out = sc;
	return 0;
}

int
scenario_load_string(const char *name, const char *data, size_t len,
    struct scenario **out, struct diag **errors)
{
	char *copy;

	*out = NULL;
	if (name == NULL)
		name = "<string>";
	if (len > SCENARIO_MAX_FILE_BYTES) {
		too_large(errors, name);
		return -1;
	}
	copy = xmalloc(len + 1);
	if (len > 0)
		memcpy(copy, data, len);
	copy[len] = '\0';
	return load(name, copy, len, out, errors);
}

int
scenario_read_file(const char *path, bool regular_only, char **text,
    size_t *len, struct diag **errors)
{
	struct stat st;
	char *buf;
	size_t cap;
	ssize_t got = 0;
	int fd, saved;

	*text = NULL;
	*len = 0;
	/* O_NONBLOCK: opening a FIFO for reading would wait for a writer */
	if ((fd = open(path, O_RDONLY | (regular_only ? O_NONBLOCK : 0))) ==
	    -1) {
		error_at(errors, path, nowhere, NULL, "cannot open '%s': %s",
		    path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    (uintmax_t)st.st_size > SCENARIO_MAX_FILE_BYTES) {
		close(fd);
		too_large(errors, path);
		return -1;
	}
	if (regular_only && (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))) {
		close(fd);
		error_at(errors, path, nowhere, "a scenario is read from a "
		    "regular file", "'%s' is not a regular file (a FIFO, a "
		    "device or a directory)", path);
		return -1;
	}
	/* Read at most one byte past the limit: a pipe can lie about size.
	 * An interrupted read is not retried: in the viewer the signal
	 * means quit. */
	cap = SCENARIO_MAX_FILE_BYTES + 1;
	buf = xmalloc(cap + 1);
	while (*len < cap && (got = read(fd, buf + *len, cap - *len)) > 0)
		*len += (size_t)got;
	if (got == -1) {
		saved = errno;
		close(fd);
		xfree(buf);
		*len = 0;
		error_at(errors, path, nowhere, NULL, "cannot read '%s': %s",
		    path, strerror(saved));
		return -1;
	}
	close(fd);
	buf[*len] = '\0';
	*text = buf;
	return 0;
}

int
scenario_load_file(const char *path, struct scenario **out,
    struct diag **errors)
{
	char	*text;
	size_t	 len;

	*out = NULL;
	if (scenario_read_file(path, false, &text, &len, errors) != 0)
		return -1;
	return load(path, text, len, out, errors);
}

/* --- text_locate -------------------------------------------------------- */

/*
 * Decoding the written text again and counting the bytes each piece
 * produces, until the piece that produced byte `target`.
 */
struct locate {
	size_t		 target;
	size_t		 produced;
	struct srcpos	 hit;
	bool		 found;
};

static bool
emit(struct locate *lc, size_t n, struct srcpos pos)
{
	if (n > 0 && lc->target < lc->produced + n) {
		lc->hit = pos;
		lc->found = true;
		return true;
	}
	lc->produced += n;
	return false;
}

static bool
blank(char c)
{
	return c == ' ' || c == '\t';
}

static size_t
hexval(const char *p, const char *end, int digits, uint32_t *cp)
{
	int i;
	uint32_t v = 0;
	char c;

	for (i = 0; i < digits && p + i < end; i++) {
		c = p[i];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (uint32_t)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (uint32_t)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (uint32_t)(c - 'A' + 10);
		else
			break;
	}
	*cp = v;
	return (size_t)i;
}

/* Bytes of the UTF-8 encoding of code point cp. */
static size_t
cp_bytes(uint32_t cp)
{
	return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

/*
 * Plain and quoted scalars: blanks before a line break vanish; a single
 * break folds to one space, n empty lines give n newlines; the next line's
 * leading blanks vanish; '' is one quote; backslash escapes in double
 * quotes, and an escaped break, which gives nothing.
 */
static struct srcpos
locate_flow(const struct text *t, struct locate *lc)
{
	const char *p = t->raw, *end = t->raw + t->raw_len, *q;
	bool dq = t->style == TEXT_DOUBLE_QUOTED;
	bool sq = t->style == TEXT_SINGLE_QUOTED;
	struct srcpos pos = t->pos, at;
	size_t bl, n, w;
	uint32_t cp;
	bool escaped;

	while (p < end) {
		escaped = false;
		if (blank(*p)) {
			for (q = p; q < end && blank(*q); q++)
				;
			if (q < end && yamlpos_break_len(q, end) != 0) {
				pos.col += (uint32_t)(q - p);
				p = q;
				continue;
			}
			for (; p < q; p++, pos.col++)
				if (emit(lc, 1, pos))
					return lc->hit;
			continue;
		}
		if (dq && *p == '\\' && p + 1 < end &&
		    yamlpos_break_len(p + 1, end) != 0) {
			escaped = true;
			p++;
			pos.col++;
		}
		if ((bl = yamlpos_break_len(p, end)) != 0) {
			at = pos;
			p += bl;
			pos.line++;
			pos.col = 1;
			for (; p < end && blank(*p); p++)
				pos.col++;
			n = 0;
			while (p < end &&
			    (bl = yamlpos_break_len(p, end)) != 0) {
				if (emit(lc, 1, pos))
					return lc->hit;
				n++;
				p += bl;
				pos.line++;
				pos.col = 1;
				for (; p < end && blank(*p); p++)
					pos.col++;
			}
			if (n == 0 && !escaped && emit(lc, 1, at))
				return lc->hit;
			continue;
		}
		if (dq && *p == '\\' && p + 1 < end) {
			n = 2;
			switch (p[1]) {
			case 'x':
				n += hexval(p + 2, end, 2, &cp);
				w = cp_bytes(cp);
				break;
			case 'u':
				n += hexval(p + 2, end, 4, &cp);
				w = cp_bytes(cp);
				break;
			case 'U':
				n += hexval(p + 2, end, 8, &cp);
				w = cp_bytes(cp);
				break;
			case 'N':
			case '_':
				w = 2;
				break;
			case 'L':
			case 'P':
				w = 3;
				break;
			default:
				w = 1;
				break;
			}
			if (emit(lc, w, pos))
				return lc->hit;
			p += n;
			pos.col += (uint32_t)n;
			continue;
		}
		if (sq && *p == '\'' && p + 1 < end && p[1] == '\'') {
			if (emit(lc, 1, pos))
				return lc->hit;
			p += 2;
			pos.col += 2;
			continue;
		}
		w = utf8_sequence_length((unsigned char)*p);
		if (emit(lc, w, pos))
			return lc->hit;
		p += w;
		pos.col++;
	}
	return pos;
}

/*
 * Block scalars, as libyaml builds their value: each content line loses
 * `indent` spaces; literal keeps every break; folded turns the break
 * between two lines that do not start with a blank into a space (or into
 * nothing when empty lines follow, which give one newline each).
 */
static struct srcpos
locate_block(const struct text *t, struct locate *lc)
{
	const char *p = t->raw, *end = t->raw + t->raw_len;
	bool folded = t->style == TEXT_FOLDED;
	bool have_break = false, leading_blank = false, trailing_blank;
	struct srcpos pos, brk_at = t->pos, first_empty = t->pos;
	size_t bl, w, n, i;

	pos.line = t->pos.line;
	pos.col = 1;
	for (;;) {
		/* Empty lines, and the indentation of the next line. */
		n = 0;
		for (;;) {
			while (p < end && *p == ' ' && pos.col <= t->indent) {
				p++;
				pos.col++;
			}
			if (p < end && (bl = yamlpos_break_len(p, end)) != 0) {
				if (n++ == 0)
					first_empty = pos;
				p += bl;
				pos.line++;
				pos.col = 1;
				continue;
			}
			break;
		}
		if (p >= end || pos.col <= t->indent)
			break;
		trailing_blank = blank(*p);
		if (folded && have_break && !leading_blank && !trailing_blank) {
			if (n == 0 && emit(lc, 1, brk_at))
				return lc->hit;
			have_break = false;
		}
		if (have_break && emit(lc, 1, brk_at))
			return lc->hit;
		for (i = 0; i < n; i++) {
			struct srcpos e = { first_empty.line + (uint32_t)i, 1 };

			if (i == 0)
				e = first_empty;
			if (emit(lc, 1, e))
				return lc->hit;
		}
		have_break = false;
		leading_blank = trailing_blank;
		while (p < end && yamlpos_break_len(p, end) == 0) {
			w = utf8_sequence_length((unsigned char)*p);
			if (emit(lc, w, pos))
				return lc->hit;
			p += w;
			pos.col++;
		}
		if (p >= end)
			break;
		brk_at = pos;
		have_break = true;
		p += yamlpos_break_len(p, end);
		pos.line++;
		pos.col = 1;
	}
	/* Whatever the chomping adds belongs to the end of the last line. */
	return have_break ? brk_at : pos;
}

/* Without the written text: the value as if written on lines from pos. */
static struct srcpos
locate_value(const struct text *t, size_t offset)
{
	struct srcpos pos = t->pos;
	size_t i;
	unsigned char c;

	for (i = 0; i < offset && i < t->len; i++) {
		c = (unsigned char)t->value[i];
		if ((c & 0xc0) == 0x80)
			continue;
		if (c == '\n' && (t->style == TEXT_LITERAL ||
		    t->style == TEXT_FOLDED || t->style == TEXT_PYTHON)) {
			pos.line++;
			pos.col = t->indent + 1;
			continue;
		}
		pos.col++;
		if ((t->style == TEXT_SINGLE_QUOTED && c == '\'') ||
		    (t->style == TEXT_DOUBLE_QUOTED && (c == '"' ||
		    c == '\\' || c < 0x20)))
			pos.col++;
	}
	return pos;
}

struct srcpos
text_locate(const struct text *t, size_t offset)
{
	struct locate lc;
	struct srcpos end;

	if (t->value == NULL)
		return t->pos;
	if (t->raw == NULL)
		return locate_value(t, offset);
	memset(&lc, 0, sizeof lc);
	lc.target = offset;
	if (t->style == TEXT_LITERAL || t->style == TEXT_FOLDED)
		end = locate_block(t, &lc);
	else
		end = locate_flow(t, &lc);
	return lc.found ? lc.hit : end;
}
