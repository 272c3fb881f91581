/*
 * yamlpos.c: the libyaml event pass that knows where everything is.
 *
 * The pass reads events one at a time and keeps an explicit stack of open
 * collections (never recursion), so the nesting limit is checked before
 * libyaml has to scan deeper: its flow-nesting cost is quadratic.
 *
 * libyaml's marks count characters: `index` from the start of the text
 * (after a UTF-8 byte order mark, counting CR LF as two), `line` and
 * `column` from 0.  Raw byte positions, needed to point back into the
 * source, come from a cursor that walks UTF-8 from one index to the next;
 * events arrive in document order, so the walks add up to one pass.
 *
 * Invariants of the tree: nodes[] is in document order (a node's index is
 * greater than its parent's); the hash table holds every node's index,
 * keyed by path; no mapping has two children with the same key.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <yaml.h>

#include "base/diag.h"
#include "base/strbuf.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "lang/scenario.h"
#include "lang/yamlpos.h"

/* One open collection while scanning. */
struct frame {
	uint32_t	 node;
	uint32_t	 last_child;
	uint32_t	 items;		/* sequences: items so far */
	bool		 mapping;
	bool		 want_key;	/* next scalar is a key */
	char		*key;		/* the pending key (owned) */
	struct srcpos	 key_pos;
	struct srcpos	 key_text_pos;	/* after a quote */
};

/* A libyaml mark resolved to a byte of the source. */
struct bmark {
	struct srcpos	 pos;		/* 1-based */
	size_t		 byte;
};

struct scan {
	const char	*file;
	const char	*src;
	size_t		 len;
	size_t		 bom;		/* bytes of a leading BOM */
	uint32_t	 max_nesting;
	struct yamlpos	*yp;
	struct diag	**errors;

	struct frame	*stack;
	uint32_t	 depth;
	uint32_t	 stack_cap;

	/* The index cursor: character cur_index is at byte cur_byte. */
	size_t		 cur_index;
	size_t		 cur_byte;

	struct bmark	 last_start;	/* of the previous event */
	struct bmark	 last_end;
	bool		 last_was_seq_start;
	unsigned	 documents;
};

size_t
yamlpos_break_len(const char *p, const char *end)
{
	const unsigned char *u = (const unsigned char *)p;
	size_t left = (size_t)(end - p);

	if (left == 0)
		return 0;
	if (u[0] == '\r')
		return (left > 1 && u[1] == '\n') ? 2 : 1;
	if (u[0] == '\n')
		return 1;
	if (left > 1 && u[0] == 0xc2 && u[1] == 0x85)
		return 2;
	if (left > 2 && u[0] == 0xe2 && u[1] == 0x80 &&
	    (u[2] == 0xa8 || u[2] == 0xa9))
		return 3;
	return 0;
}

/* Advances pos over the bytes [from, to) as libyaml would count them. */
static struct srcpos
advance_pos(const char *from, const char *to, struct srcpos pos)
{
	const char *p = from;
	size_t n;

	while (p < to) {
		if ((n = yamlpos_break_len(p, to)) != 0) {
			pos.line++;
			pos.col = 1;
			p += n;
		} else {
			pos.col++;
			p += utf8_sequence_length((unsigned char)*p);
		}
	}
	return pos;
}

struct srcpos
yamlpos_offset_pos(const char *source, size_t len, size_t off)
{
	struct srcpos pos = { 1, 1 };
	size_t start = 0;

	if (len >= 3 && memcmp(source, "\xef\xbb\xbf", 3) == 0)
		start = 3;
	if (off > len)
		off = len;
	if (off <= start)
		return pos;
	return advance_pos(source + start, source + off, pos);
}

/* The byte of character index idx, moving the cursor there. */
static size_t
index_byte(struct scan *sc, size_t idx)
{
	while (sc->cur_index < idx && sc->cur_byte < sc->len) {
		sc->cur_byte += utf8_sequence_length(
		    (unsigned char)sc->src[sc->cur_byte]);
		sc->cur_index++;
	}
	while (sc->cur_index > idx && sc->cur_byte > sc->bom) {
		sc->cur_byte--;
		while (sc->cur_byte > sc->bom &&
		    ((unsigned char)sc->src[sc->cur_byte] & 0xc0) == 0x80)
			sc->cur_byte--;
		sc->cur_index--;
	}
	if (sc->cur_byte > sc->len)
		sc->cur_byte = sc->len;
	return sc->cur_byte;
}

static struct bmark
resolve(struct scan *sc, yaml_mark_t m)
{
	struct bmark b;

	b.pos.line = (uint32_t)m.line + 1;
	b.pos.col = (uint32_t)m.column + 1;
	b.byte = index_byte(sc, m.index);
	return b;
}

static struct srcpos
mark_pos(yaml_mark_t m)
{
	struct srcpos pos;

	pos.line = (uint32_t)m.line + 1;
	pos.col = (uint32_t)m.column + 1;
	return pos;
}

static void
fail(struct scan *sc, struct srcpos pos, const char *hint,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
fail(struct scan *sc, struct srcpos pos, const char *hint, const char *fmt, ...)
{
	struct diag *d;
	va_list ap;

	va_start(ap, fmt);
	d = diag_newv(sc->file, pos, DIAG_MALFORMED, fmt, ap);
	va_end(ap);
	if (hint != NULL)
		diag_set_hint(d, "%s", hint);
	diag_append(sc->errors, d);
}

/* --- the path table ---------------------------------------------------- */

static uint32_t
hash_path(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 16777619u;
	}
	return h;
}

static void
table_insert(struct yamlpos *yp, uint32_t idx)
{
	uint32_t mask = yp->table_cap - 1;
	uint32_t h = hash_path(yp->nodes[idx].path) & mask;

	while (yp->table[h] != YAMLPOS_NONE)
		h = (h + 1) & mask;
	yp->table[h] = idx;
}

static void
table_grow(struct yamlpos *yp)
{
	uint32_t i;

	xfree(yp->table);
	yp->table_cap = yp->table_cap == 0 ? 64 : yp->table_cap * 2;
	yp->table = xreallocarray(NULL, yp->table_cap, sizeof *yp->table);
	for (i = 0; i < yp->table_cap; i++)
		yp->table[i] = YAMLPOS_NONE;
	for (i = 0; i < yp->count; i++)
		table_insert(yp, i);
}

/* The node at path whose parent is parent (any parent: YAMLPOS_NONE). */
static const struct yamlpos_node *
table_find(const struct yamlpos *yp, const char *path, uint32_t parent)
{
	uint32_t mask, h;
	const struct yamlpos_node *n;

	if (yp->table_cap == 0)
		return NULL;
	mask = yp->table_cap - 1;
	for (h = hash_path(path) & mask; yp->table[h] != YAMLPOS_NONE;
	    h = (h + 1) & mask) {
		n = &yp->nodes[yp->table[h]];
		if (strcmp(n->path, path) == 0 &&
		    (parent == YAMLPOS_NONE || n->parent == parent))
			return n;
	}
	return NULL;
}

/* --- building nodes ---------------------------------------------------- */

static const char *
kind_name(yaml_event_type_t type)
{
	return type == YAML_MAPPING_START_EVENT ? "a mapping" : "a sequence";
}

/*
 * The `-` of a block sequence item: the first thing, past blanks, breaks
 * and comments, between the previous event and the item.
 */
static struct srcpos
dash_pos(struct scan *sc, struct bmark item)
{
	struct bmark from = sc->last_was_seq_start ? sc->last_start :
	    sc->last_end;
	const char *p = sc->src + from.byte, *end = sc->src + item.byte;
	size_t n;

	while (p < end) {
		if (*p == ' ' || *p == '\t')
			p++;
		else if ((n = yamlpos_break_len(p, end)) != 0)
			p += n;
		else if (*p == '#') {
			while (p < end && yamlpos_break_len(p, end) == 0)
				p++;
		} else
			break;
	}
	if (p < end && *p == '-')
		return advance_pos(sc->src + from.byte, p, from.pos);
	return item.pos;
}

/*
 * A block scalar whose header (the `|` or `>`) is at start: its raw text,
 * from the line after the header, and its content indentation, decided as
 * libyaml decides it: an explicit indicator counts from the enclosing
 * block collection's indentation; otherwise the deepest indentation of the
 * leading lines up to the first non-empty one, at least one more than the
 * enclosing collection's.
 */
static void
block_layout(struct scan *sc, struct yamlpos_node *n, struct bmark start,
    struct bmark end)
{
	const char *p = sc->src + start.byte, *lim = sc->src + sc->len;
	const struct yamlpos_node *parent;
	const char *q;
	int parent_indent = -1, explicit = 0;
	uint32_t indent, spaces, max_spaces = 0;
	size_t bl;

	if (sc->depth > 0) {
		parent = &sc->yp->nodes[sc->stack[sc->depth - 1].node];
		parent_indent = (int)parent->value_pos.col - 1;
	}
	for (p++; p < lim && yamlpos_break_len(p, lim) == 0; p++) {
		if (*p >= '1' && *p <= '9' && explicit == 0)
			explicit = *p - '0';
		else if (*p != '+' && *p != '-')
			break;
	}
	while (p < lim && yamlpos_break_len(p, lim) == 0)
		p++;		/* blanks, a comment */
	if (p == lim) {
		/* The header is the file's last line: no content line. */
		n->raw = p;
		n->raw_len = 0;
		n->indent = (uint32_t)(parent_indent + 1);
		n->text_pos = advance_pos(sc->src + start.byte, p, start.pos);
		return;
	}
	p += yamlpos_break_len(p, lim);
	if (p > sc->src + end.byte)
		p = sc->src + end.byte;
	n->raw = p;
	n->raw_len = end.byte - (size_t)(p - sc->src);

	if (explicit != 0)
		indent = (uint32_t)((parent_indent >= 0 ? parent_indent : 0) +
		    explicit);
	else {
		for (q = p; q < sc->src + end.byte; q += bl) {
			for (spaces = 0; q < lim && *q == ' '; q++)
				spaces++;
			if (spaces > max_spaces)
				max_spaces = spaces;
			if ((bl = yamlpos_break_len(q, lim)) == 0)
				break;
		}
		indent = max_spaces;
		if ((int)indent < parent_indent + 1)
			indent = (uint32_t)(parent_indent + 1);
		if (indent < 1)
			indent = 1;
	}
	n->indent = indent;
	n->text_pos.line = start.pos.line + 1;
	n->text_pos.col = indent + 1;
}

static void
scalar_layout(struct scan *sc, struct yamlpos_node *n, const yaml_event_t *ev,
    struct bmark start, struct bmark end)
{
	n->value = xstrndup((const char *)ev->data.scalar.value,
	    ev->data.scalar.length);
	n->len = ev->data.scalar.length;
	n->text_pos = start.pos;
	n->raw = sc->src + start.byte;
	n->raw_len = end.byte > start.byte ? end.byte - start.byte : 0;
	switch (ev->data.scalar.style) {
	case YAML_SINGLE_QUOTED_SCALAR_STYLE:
	case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
		n->style = ev->data.scalar.style ==
		    YAML_SINGLE_QUOTED_SCALAR_STYLE ? TEXT_SINGLE_QUOTED :
		    TEXT_DOUBLE_QUOTED;
		n->text_pos.col++;
		n->raw++;
		n->raw_len = n->raw_len >= 2 ? n->raw_len - 2 : 0;
		break;
	case YAML_LITERAL_SCALAR_STYLE:
	case YAML_FOLDED_SCALAR_STYLE:
		n->style = ev->data.scalar.style == YAML_LITERAL_SCALAR_STYLE ?
		    TEXT_LITERAL : TEXT_FOLDED;
		block_layout(sc, n, start, end);
		break;
	default:
		n->style = TEXT_PLAIN;
		n->empty = (n->len == 0);
		break;
	}
}

/*
 * A node starts (a scalar, a mapping or a sequence that is not a key).
 * Links it under the innermost open collection and enters it in the table.
 */
static uint32_t
node_add(struct scan *sc, enum yamlpos_kind kind, struct bmark start,
    struct srcpos key_pos)
{
	struct yamlpos *yp = sc->yp;
	struct yamlpos_node *n, *p;
	struct frame *f = sc->depth > 0 ? &sc->stack[sc->depth - 1] : NULL;
	uint32_t idx = yp->count;

	if (yp->count == yp->cap) {
		yp->cap = yp->cap == 0 ? 64 : yp->cap * 2;
		yp->nodes = xreallocarray(yp->nodes, yp->cap,
		    sizeof *yp->nodes);
	}
	if ((yp->count + 1) * 2 > yp->table_cap)
		table_grow(yp);
	n = &yp->nodes[idx];
	memset(n, 0, sizeof *n);
	n->kind = kind;
	n->parent = n->first_child = n->next_sibling = YAMLPOS_NONE;
	n->value_pos = start.pos;
	n->key_pos = key_pos;
	n->key_text_pos = f != NULL && f->mapping ? f->key_text_pos : key_pos;

	if (f == NULL)
		n->path = xstrdup("");
	else {
		p = &yp->nodes[f->node];
		n->parent = f->node;
		if (f->mapping) {
			if (p->path[0] == '\0')
				n->path = xstrdup(f->key);
			else
				n->path = xasprintf("%s.%s", p->path, f->key);
			n->key = n->path + strlen(n->path) - strlen(f->key);
			xfree(f->key);
			f->key = NULL;
			f->want_key = true;
		} else {
			n->index = f->items++;
			n->path = xasprintf("%s[%u]", p->path, n->index);
		}
		if (f->last_child == YAMLPOS_NONE)
			p->first_child = idx;
		else
			yp->nodes[f->last_child].next_sibling = idx;
		f->last_child = idx;
		p->child_count++;
	}
	yp->count++;
	table_insert(yp, idx);
	return idx;
}

static void
push(struct scan *sc, uint32_t node, bool mapping)
{
	struct frame *f;

	if (sc->depth == sc->stack_cap) {
		sc->stack_cap = sc->stack_cap == 0 ? 16 : sc->stack_cap * 2;
		sc->stack = xreallocarray(sc->stack, sc->stack_cap,
		    sizeof *sc->stack);
	}
	f = &sc->stack[sc->depth++];
	memset(f, 0, sizeof *f);
	f->node = node;
	f->last_child = YAMLPOS_NONE;
	f->mapping = mapping;
	f->want_key = mapping;
}

static void
pop(struct scan *sc)
{
	if (sc->depth > 0) {
		sc->depth--;
		xfree(sc->stack[sc->depth].key);
	}
}

/* Anchors, aliases and tags: a scenario has no use for them. */
static int
check_props(struct scan *sc, const yaml_char_t *anchor, const yaml_char_t *tag,
    struct srcpos pos)
{
	if (anchor != NULL) {
		fail(sc, pos, "write the value out in full where it is needed",
		    "anchors and aliases are not supported in scenarios");
		return -1;
	}
	if (tag != NULL) {
		fail(sc, pos, "if the text starts with '!', put it in quotes",
		    "YAML tags ('%.40s') are not supported in scenarios",
		    (const char *)tag);
		return -1;
	}
	return 0;
}

/* A scalar, mapping or sequence event: a key, or a node. */
static int
on_node(struct scan *sc, const yaml_event_t *ev, struct bmark start,
    struct bmark end)
{
	struct frame *f = sc->depth > 0 ? &sc->stack[sc->depth - 1] : NULL;
	const struct yamlpos_node *dup;
	struct srcpos key_pos = start.pos;
	enum yamlpos_kind kind;
	uint32_t idx;
	const char *ppath;
	char *path;

	if (f != NULL && f->mapping && f->want_key) {
		if (ev->type != YAML_SCALAR_EVENT) {
			fail(sc, start.pos, "keys are plain names such as 'do'",
			    "a key must be a name, found %s",
			    kind_name(ev->type));
			return -1;
		}
		f->key = xstrndup((const char *)ev->data.scalar.value,
		    ev->data.scalar.length);
		f->key_pos = start.pos;
		f->key_text_pos = start.pos;
		if (ev->data.scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
		    ev->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE)
			f->key_text_pos.col++;
		f->want_key = false;
		ppath = sc->yp->nodes[f->node].path;
		path = ppath[0] == '\0' ? xstrdup(f->key) :
		    xasprintf("%s.%s", ppath, f->key);
		dup = table_find(sc->yp, path, f->node);
		xfree(path);
		if (dup != NULL) {
			fail(sc, start.pos, "remove one of the two",
			    "duplicate key '%.60s'; it is already given at "
			    "line %u, column %u", f->key, dup->key_pos.line,
			    dup->key_pos.col);
			return -1;
		}
		return 0;
	}

	if (f != NULL && f->mapping)
		key_pos = f->key_pos;
	else if (f != NULL && !sc->yp->nodes[f->node].flow)
		key_pos = dash_pos(sc, start);

	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		kind = YAMLPOS_SCALAR;
		break;
	case YAML_MAPPING_START_EVENT:
		kind = YAMLPOS_MAPPING;
		break;
	default:
		kind = YAMLPOS_SEQUENCE;
		break;
	}
	if (kind != YAMLPOS_SCALAR && sc->depth + 1 > sc->max_nesting) {
		fail(sc, start.pos, "a scenario needs only a few levels",
		    "the YAML is nested more than %u levels deep",
		    sc->max_nesting);
		return -1;
	}
	idx = node_add(sc, kind, start, key_pos);
	if (kind == YAMLPOS_SCALAR)
		scalar_layout(sc, &sc->yp->nodes[idx], ev, start, end);
	else if (kind == YAMLPOS_MAPPING) {
		sc->yp->nodes[idx].flow =
		    ev->data.mapping_start.style == YAML_FLOW_MAPPING_STYLE;
		push(sc, idx, true);
	} else {
		sc->yp->nodes[idx].flow =
		    ev->data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE;
		push(sc, idx, false);
	}
	return 0;
}

/* libyaml failed: its message at its mark, with a hint for the usual. */
static void
syntax_error(struct scan *sc, const yaml_parser_t *parser)
{
	struct strbuf msg = STRBUF_INIT;
	const char *hint = NULL, *problem;
	struct srcpos pos, eof;
	size_t off;
	char *text, *made = NULL;

	problem = parser->problem != NULL ? parser->problem : "unknown error";
	switch (parser->error) {
	case YAML_MEMORY_ERROR:
		pos.line = pos.col = 0;
		strbuf_puts(&msg, "out of memory while reading the YAML");
		break;
	case YAML_READER_ERROR:
		off = parser->problem_offset;
		pos = yamlpos_offset_pos(sc->src, sc->len, off);
		if (strstr(problem, "UTF-8") != NULL ||
		    strstr(problem, "UTF-16") != NULL) {
			strbuf_printf(&msg, "the file is not valid UTF-8 text "
			    "(%s)", problem);
			hint = "save the file as UTF-8";
		} else if (parser->problem_value != -1) {
			strbuf_printf(&msg, "%s (found U+%04X)", problem,
			    (unsigned)parser->problem_value);
			hint = "write control characters as escapes in a "
			    "double-quoted string, e.g. \"\\t\"";
		} else
			strbuf_puts(&msg, problem);
		break;
	default:
		pos = mark_pos(parser->problem_mark);
		strbuf_puts(&msg, problem);
		if (parser->context != NULL)
			strbuf_printf(&msg, " (%s that starts at line %u, "
			    "column %u)", parser->context,
			    (unsigned)parser->context_mark.line + 1,
			    (unsigned)parser->context_mark.column + 1);
		off = index_byte(sc, parser->problem_mark.index);
		if (strstr(problem, "mapping values are not allowed") != NULL)
			hint = "a ': ' inside a plain value starts a mapping; "
			    "put the whole value in quotes, e.g. "
			    "do: \"d = {1: 2}\"";
		else if (strstr(problem, "tab") != NULL ||
		    (off < sc->len && sc->src[off] == '\t'))
			hint = "indent with spaces: YAML does not allow tabs "
			    "here";
		else if (strstr(problem, "cannot start any token") != NULL)
			hint = "a value that starts with one of ` @ % needs "
			    "quotes";
		else if (parser->context != NULL &&
		    strstr(parser->context, "flow") != NULL)
			hint = made = xasprintf("close the %s that starts at "
			    "line %u, column %u, or, if the value is Python, "
			    "put it all in quotes",
			    strstr(parser->context, "mapping") != NULL ?
			    "'{'" : "'['",
			    (unsigned)parser->context_mark.line + 1,
			    (unsigned)parser->context_mark.column + 1);
		break;
	}
	/* libyaml can point one line past a last line without a break. */
	eof = yamlpos_offset_pos(sc->src, sc->len, sc->len);
	if (pos.line > eof.line || (pos.line == eof.line && pos.col > eof.col))
		pos = eof;
	text = strbuf_detach(&msg);
	fail(sc, pos, hint, "%s", text);
	xfree(text);
	xfree(made);
}

static int
scan_events(struct scan *sc, yaml_parser_t *parser)
{
	yaml_event_t ev;
	struct bmark start, end;
	int rc = 0, done = 0;

	while (!done && rc == 0) {
		if (!yaml_parser_parse(parser, &ev)) {
			syntax_error(sc, parser);
			return -1;
		}
		start = resolve(sc, ev.start_mark);
		end = resolve(sc, ev.end_mark);
		switch (ev.type) {
		case YAML_DOCUMENT_START_EVENT:
			if (sc->documents++ > 0) {
				fail(sc, start.pos, "split it into two files",
				    "a second YAML document is not allowed; a "
				    "scenario is one document");
				rc = -1;
			}
			break;
		case YAML_ALIAS_EVENT:
			fail(sc, start.pos, "write the value out in full "
			    "where it is needed",
			    "anchors and aliases are not supported in "
			    "scenarios");
			rc = -1;
			break;
		case YAML_SCALAR_EVENT:
			if (check_props(sc, ev.data.scalar.anchor,
			    ev.data.scalar.tag, start.pos) != 0)
				rc = -1;
			else
				rc = on_node(sc, &ev, start, end);
			break;
		case YAML_SEQUENCE_START_EVENT:
			if (check_props(sc, ev.data.sequence_start.anchor,
			    ev.data.sequence_start.tag, start.pos) != 0)
				rc = -1;
			else
				rc = on_node(sc, &ev, start, end);
			break;
		case YAML_MAPPING_START_EVENT:
			if (check_props(sc, ev.data.mapping_start.anchor,
			    ev.data.mapping_start.tag, start.pos) != 0)
				rc = -1;
			else
				rc = on_node(sc, &ev, start, end);
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			pop(sc);
			break;
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		default:
			break;
		}
		sc->last_was_seq_start = (ev.type == YAML_SEQUENCE_START_EVENT);
		sc->last_start = start;
		sc->last_end = end;
		yaml_event_delete(&ev);
	}
	return rc;
}

/* The encoding a byte order mark at the start of source names, when it
 * is not UTF-8's: "UTF-32" or "UTF-16", else NULL. */
static const char *
foreign_encoding(const char *source, size_t len)
{
	if (len >= 4 && (memcmp(source, "\xff\xfe\0\0", 4) == 0 ||
	    memcmp(source, "\0\0\xfe\xff", 4) == 0))
		return "UTF-32";
	if (len >= 2 && (memcmp(source, "\xff\xfe", 2) == 0 ||
	    memcmp(source, "\xfe\xff", 2) == 0))
		return "UTF-16";
	return NULL;
}

int
yamlpos_scan(const char *file, const char *source, size_t len,
    uint32_t max_nesting, struct yamlpos **out, struct diag **errors)
{
	struct scan sc;
	yaml_parser_t parser;
	struct yamlpos *yp;
	const char *encoding;
	int rc;

	*out = NULL;
	memset(&sc, 0, sizeof sc);
	sc.file = file;
	sc.src = source;
	sc.len = len;
	sc.max_nesting = max_nesting;
	sc.errors = errors;
	if (len >= 3 && memcmp(source, "\xef\xbb\xbf", 3) == 0)
		sc.bom = 3;
	sc.cur_byte = sc.bom;

	yp = xcalloc(1, sizeof *yp);
	yp->source = source;
	yp->source_len = len;
	sc.yp = yp;

	/* libyaml would decode UTF-16 itself; the byte positions here, and
	 * everything after the loader, assume UTF-8.  A UTF-32LE byte order
	 * mark begins with UTF-16LE's: look for UTF-32 first. */
	if ((encoding = foreign_encoding(source, len)) != NULL) {
		struct srcpos first = { 1, 1 };

		fail(&sc, first, "save the file as UTF-8",
		    "the file is %s text; scenarios are UTF-8", encoding);
		yamlpos_free(yp);
		return -1;
	}

	if (!yaml_parser_initialize(&parser)) {
		struct srcpos none = { 0, 0 };

		fail(&sc, none, NULL, "out of memory while reading the YAML");
		yamlpos_free(yp);
		return -1;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)source,
	    len);
	rc = scan_events(&sc, &parser);
	yaml_parser_delete(&parser);
	while (sc.depth > 0)
		pop(&sc);
	xfree(sc.stack);
	if (rc != 0) {
		yamlpos_free(yp);
		return -1;
	}
	*out = yp;
	return 0;
}

void
yamlpos_free(struct yamlpos *yp)
{
	uint32_t i;

	if (yp == NULL)
		return;
	for (i = 0; i < yp->count; i++) {
		xfree(yp->nodes[i].path);
		xfree(yp->nodes[i].value);
	}
	xfree(yp->nodes);
	xfree(yp->table);
	xfree(yp);
}

const struct yamlpos_node *
yamlpos_find(const struct yamlpos *yp, const char *path)
{
	return table_find(yp, path, YAMLPOS_NONE);
}

const struct yamlpos_node *
yamlpos_findf(const struct yamlpos *yp, const char *fmt, ...)
{
	const struct yamlpos_node *n;
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vprintf(&sb, fmt, ap);
	va_end(ap);
	n = yamlpos_find(yp, strbuf_str(&sb));
	strbuf_free(&sb);
	return n;
}

const struct yamlpos_node *
yamlpos_root(const struct yamlpos *yp)
{
	return yp->count > 0 ? &yp->nodes[0] : NULL;
}

const struct yamlpos_node *
yamlpos_first(const struct yamlpos *yp, const struct yamlpos_node *n)
{
	if (n == NULL || n->first_child == YAMLPOS_NONE)
		return NULL;
	return &yp->nodes[n->first_child];
}

const struct yamlpos_node *
yamlpos_next(const struct yamlpos *yp, const struct yamlpos_node *n)
{
	if (n == NULL || n->next_sibling == YAMLPOS_NONE)
		return NULL;
	return &yp->nodes[n->next_sibling];
}

const struct yamlpos_node *
yamlpos_get(const struct yamlpos *yp, const struct yamlpos_node *m,
    const char *key)
{
	const struct yamlpos_node *n;
	char *path;

	if (m == NULL || m->kind != YAMLPOS_MAPPING)
		return NULL;
	path = m->path[0] == '\0' ? xstrdup(key) :
	    xasprintf("%s.%s", m->path, key);
	n = table_find(yp, path, (uint32_t)(m - yp->nodes));
	xfree(path);
	return n;
}
