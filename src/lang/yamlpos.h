/*
 * yamlpos.h: a libyaml event pass over a whole YAML document that records
 * where everything is.
 *
 * libcyaml has no API for positions and the ones in its log text are often
 * wrong (FACTS.md), so the scenario loader runs this pass first.  It
 *   - reports YAML syntax errors at libyaml's problem mark;
 *   - rejects what a scenario never needs and what makes loading costly:
 *     anchors and aliases, tags, a second document, keys that are not
 *     scalars, duplicate keys, and nesting deeper than the caller's limit
 *     (counted here, because libyaml is quadratic on deep flow nesting);
 *   - builds a tree of nodes, findable by a path string: "" is the root,
 *     "title", "settings.gc", "steps[1].say", "functions[0].body[2].do".
 *
 * Every node keeps the position of its key (or of its `-` in a block
 * sequence), of its value, and, for a scalar, its decoded text, its style,
 * where that text starts and the raw bytes it was written as, so that a
 * byte of the value can be mapped back to a file column (text_locate).
 * Lines and columns are 1-based, columns count characters.
 */
#ifndef REFSCOPE_YAMLPOS_H
#define REFSCOPE_YAMLPOS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"
#include "lang/scenario.h"

#define YAMLPOS_NONE	UINT32_MAX	/* "no node" in the tree links */

enum yamlpos_kind {
	YAMLPOS_SCALAR,
	YAMLPOS_MAPPING,
	YAMLPOS_SEQUENCE
};

/*
 * A node of the document.  key_pos is where its key is written in a
 * mapping, its `-` in a block sequence, else its value_pos.  value_pos is
 * the value's first character: the quote, the `|`, the `[`, the first key
 * of a block mapping.  For scalars, text_pos is where the text itself
 * starts: after the quote, on the line after a block header.
 */
struct yamlpos_node {
	char		*path;		/* owned; "" for the root */
	const char	*key;		/* mapping item: in path */
	uint32_t	 index;		/* sequence item: index */
	enum yamlpos_kind kind;
	bool		 flow;		/* written [..] or {..} */

	uint32_t	 parent;	/* tree links: indices into nodes[], */
	uint32_t	 first_child;	/* children in document order, */
	uint32_t	 next_sibling;	/* YAMLPOS_NONE for none */
	uint32_t	 child_count;

	struct srcpos	 key_pos;
	struct srcpos	 key_text_pos;	/* the key's text (after a quote) */
	struct srcpos	 value_pos;

	/* Scalars only. */
	char		*value;		/* owned, decoded */
	size_t		 len;
	enum text_style	 style;
	bool		 empty;		/* nothing written (null) */
	struct srcpos	 text_pos;
	uint32_t	 indent;	/* block scalars: of the content */
	const char	*raw;		/* as written, in source */
	size_t		 raw_len;
};

struct yamlpos {
	struct yamlpos_node *nodes;	/* owned; nodes[0] is the root */
	uint32_t	 count;		/* 0: the document is empty */
	uint32_t	 cap;
	uint32_t	*table;		/* owned: path hash table */
	uint32_t	 table_cap;
	const char	*source;	/* not owned: the scanned bytes */
	size_t		 source_len;
};

/*
 * Scans the document in source (len bytes, NUL-terminated after them) and
 * builds its tree.  file names it in diagnostics; max_nesting caps the
 * depth of collections (the root mapping is depth 1).  The nodes point
 * into source: it must outlive the result.  On success returns 0 and *out
 * (free with yamlpos_free); a document with nothing in it gives a tree of
 * count 0.  On failure returns -1, leaves *out NULL and appends one located
 * diagnostic (status 2) to *errors.
 */
int	 yamlpos_scan(const char *file, const char *source, size_t len,
	    uint32_t max_nesting, struct yamlpos **out, struct diag **errors);

void	 yamlpos_free(struct yamlpos *yp);

/* The node at path, or NULL.  The pointers stay valid until yamlpos_free. */
const struct yamlpos_node *yamlpos_find(const struct yamlpos *yp,
	    const char *path);
const struct yamlpos_node *yamlpos_findf(const struct yamlpos *yp,
	    const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The root node (NULL for an empty document); the first child and the next
 * sibling of a node, in document order (NULL at the end). */
const struct yamlpos_node *yamlpos_root(const struct yamlpos *yp);
const struct yamlpos_node *yamlpos_first(const struct yamlpos *yp,
	    const struct yamlpos_node *n);
const struct yamlpos_node *yamlpos_next(const struct yamlpos *yp,
	    const struct yamlpos_node *n);

/* In mapping m, the value under key, or NULL. */
const struct yamlpos_node *yamlpos_get(const struct yamlpos *yp,
	    const struct yamlpos_node *m, const char *key);

/* The 1-based position of byte offset off of source (len bytes), counted
 * as libyaml counts: line breaks are LF, CR LF, CR, NEL, LS and PS, a
 * leading UTF-8 byte order mark takes no column. */
struct srcpos yamlpos_offset_pos(const char *source, size_t len, size_t off);

/* The length of the line break at p (0 if none), as libyaml reads them:
 * CR LF, CR, LF, NEL (C2 85), LS (E2 80 A8), PS (E2 80 A9). */
size_t	 yamlpos_break_len(const char *p, const char *end);

#endif
