/*
 * scenario.h: a scenario file (DESIGN §2, format version 1) as the author
 * wrote it, with the position of everything in it.
 *
 * The loader checks the shape (keys, types, required fields, ranges, the
 * limits of DESIGN §8) but not the Python: statements stay text here and are
 * parsed by the program builder.  Every text keeps where it came from, so a
 * parse error at byte k of a `do:` can be reported at its file line:col.
 */
#ifndef REFSCOPE_SCENARIO_H
#define REFSCOPE_SCENARIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"
#include "base/limits.h"
#include "py/pyversion.h"

/* The limits the loader enforces (SCENARIO_MAX_*) are in base/limits.h. */

/* How a YAML scalar was written: needed to map a byte of its value back to
 * a column of the file. */
enum text_style {
	TEXT_PLAIN,		/* do: x = 1 */
	TEXT_SINGLE_QUOTED,	/* do: 'x = 1' */
	TEXT_DOUBLE_QUOTED,	/* do: "x = 1" */
	TEXT_LITERAL,		/* say: |  */
	TEXT_FOLDED,		/* say: >  */
	TEXT_PYTHON		/* a line of a .py file: the value is the text
				   as written; a line break goes to column 1 */
};

/* A string value with its position: pos is where the value's text starts in
 * the file (after the quote, or on the first content line of a block). */
struct text {
	char		*value;		/* owned, NUL-terminated UTF-8 */
	size_t		 len;
	struct srcpos	 pos;
	enum text_style	 style;
	uint32_t	 indent;	/* block scalars: the content's indentation */
	const char	*raw;		/* the text as written (inside the quotes;
					 * from the line after a block header),
					 * pointing into the scenario's source;
					 * not owned, may be NULL */
	size_t		 raw_len;
};

/*
 * The file position of byte `offset` of t's value: exact for plain and
 * quoted scalars on one line (escapes in double quotes are accounted for),
 * line-by-line for block scalars.  Columns count characters.  With raw set,
 * the written text is decoded again, so escapes, folded lines and block
 * indentation map exactly; without it, the value is assumed to be written
 * on one line from pos.  An offset at or past the end gives the position
 * just after the text.
 */
struct srcpos	text_locate(const struct text *t, size_t offset);

/* One entry of a step's label: -- an object named by an expression gets
 * the teacher's name for it, from the end of the step on. */
struct scenario_label {
	struct text	 subject;	/* the key: r.a, nodes[0] */
	struct text	 name;		/* the value: "node 1" */
};

struct scenario_step {
	struct srcpos	 pos;		/* the step's `-` */
	struct text	 code;		/* do:  (value NULL when absent) */
	struct text	 say;		/* say: (value NULL when absent) */
	struct text	*expects;	/* owned array */
	uint32_t	 expect_count;
	struct scenario_label *labels;	/* owned array */
	uint32_t	 label_count;
	/* ask: a question about the step, asked before it plays: an
	 * expect-language value (refcount(x), x is y, freed, ...); answer:
	 * the author's answer, which `check` verifies (value NULL when
	 * absent; an answer needs an ask). */
	struct text	 ask;
	struct text	 answer;
	bool		 pause;
	uint32_t	 repeat;	/* 1 when absent; 1..SCENARIO_MAX_REPEAT */
	bool		 has_repeat;	/* repeat: was given (then i is bound) */
	struct srcpos	 repeat_pos;
	/* .py scenarios (scenario.python): where control goes after this
	 * step, as indices in the same list (SCENARIO_STEP_END: the end of
	 * the body or of the module); alt after an `if`/`while` header
	 * whose test was false.  A YAML step goes on to the next. */
	uint32_t	 next;
	uint32_t	 alt;
	uint32_t	 function;	/* a `def` line: 1 + the index of the
					   function it makes; else 0 */
	uint32_t	 loop;		/* a `break`: 1 + the index of its
					   loop's header (a `for` header's
					   break drops the iterator); else 0 */
	/* Exceptions (.py): where one raised in this step goes in its body,
	 * 1 + the index of the first `except` header of the innermost
	 * `try` whose body holds the step (0: out of the function); and
	 * the innermost `except` clause whose block holds it, 1 + its
	 * header's index (0: none) -- leaving that block ends the
	 * handling.  An `except` header's own clause is the one around its
	 * `try`; its alt is the next header, or SCENARIO_STEP_RERAISE after
	 * the last; try_first is 1 + the first header of its `try`, and
	 * blocks the `for` loops and `except` blocks around that `try`
	 * (what stays on the stack when an exception comes to it; of a
	 * finally_entry too). */
	uint32_t	 handler;
	uint32_t	 clause;
	uint32_t	 try_first;
	uint32_t	 blocks;
	/* The first step of a `finally:` block: an exception comes to it as
	 * to a handler, which runs the block and raises it again at its end
	 * (the block's steps have clause 1 + its `try:` step's index). */
	bool		 finally_entry;
	/* 1 + the first step of the `finally:` block a `return` here runs
	 * first: of the innermost `try` whose block, clauses or `else:`
	 * hold the step (0: none). */
	uint32_t	 finally_at;
	/* A `with` (.py): its line's step has with_exits = 1 + the index
	 * of its first exit step; an exit step (one per manager, the last
	 * manager's first, with the line's code and position: CPython gives
	 * the calls of __exit__ the `with` line) has with_item = its
	 * manager's number, 1 for the first, else 0.  An exit step is a
	 * finally_entry whose clause is the `with` line's step, its blocks
	 * the loops and blocks around the statement and the managers up to
	 * its own. */
	uint32_t	 with_exits;
	uint32_t	 with_item;
};

#define SCENARIO_STEP_END UINT32_MAX
#define SCENARIO_STEP_RERAISE (UINT32_MAX - 1)

struct scenario_function {
	struct text		 name;
	struct text		*params;	/* owned array */
	uint32_t		 param_count;
	struct scenario_step	*body;		/* owned array, >= 1 */
	uint32_t		 body_count;
	struct srcpos		 pos;
	/* A .py file: the body of a `class` statement is a function of its
	 * own (CPython compiles it to a code object its class statement
	 * runs); a `def` in it is a method of the class whose body is
	 * function in_class - 1 (0: not in a class body). */
	bool			 is_class;
	uint32_t		 in_class;
	/* A .py `def` in a function's body: that function's number + 1
	 * (its names are the enclosing scope a closure reaches); else 0. */
	uint32_t		 parent;
};

struct scenario_class {
	struct text	 name;
	struct srcpos	 pos;
};

enum gc_model {
	GC_MODEL_CPYTHON,
	GC_MODEL_TEXTBOOK,
	GC_MODEL_OFF
};

struct scenario_settings {
	bool		small_int_cache;	/* default true */
	bool		intern_strings;		/* default true */
	enum gc_model	gc;			/* default cpython */
	uint32_t	gc_threshold;		/* >= 1; 0: the version's */
	enum py_version	python;			/* default PY_VERSION_DEFAULT */
	bool		python_set;		/* the file names a version */
	struct srcpos	pos;			/* of the settings: key, or 0:0 */
};

struct scenario {
	char			*file;		/* owned: the path as given */
	char			*source;	/* owned: the whole file, NUL-terminated */
	size_t			 source_len;
	struct diag_lines	 lines;		/* positions as an editor counts */
	uint32_t		 version;	/* refscope: (1) */
	struct text		 title;
	struct text		 section;	/* value NULL when absent */
	struct text		 summary;	/* value NULL when absent */
	struct scenario_settings settings;
	struct scenario_function *functions;	/* owned array */
	uint32_t		 function_count;
	struct scenario_class	*classes;	/* owned array */
	uint32_t		 class_count;
	struct scenario_step	*steps;		/* owned array, >= 1 */
	uint32_t		 step_count;
	/* A .py file (lang/pyfile.c): its steps are lines, compiled as one
	 * module; its functions are made by their `def` lines. */
	bool			 python;
};

/* Whether name is a Python source file (ends in ".py"): such a file is
 * read by lang/pyfile.c, not as YAML. */
bool	scenario_is_python(const char *name);

/*
 * Loads and checks the file at path.  On success returns 0 and *out (caller
 * frees with scenario_free).  On failure returns -1, leaves *out NULL and
 * appends located diagnostics (status 2) to *errors: unreadable file, file
 * too large, YAML syntax (at libyaml's problem mark), unknown key, wrong
 * type, missing refscope:/title:/steps:, a step that is neither do: nor say:,
 * repeat: out of range, more than SCENARIO_MAX_WRITTEN_STEPS steps, strings
 * longer than LIMIT_MAX_STRING, nesting deeper than SCENARIO_MAX_NESTING,
 * anchors and aliases, a second YAML document.
 */
int	scenario_load_file(const char *path, struct scenario **out,
	    struct diag **errors);

/* Same, from memory; name is used in messages. */
int	scenario_load_string(const char *name, const char *data, size_t len,
	    struct scenario **out, struct diag **errors);

void	scenario_free(struct scenario *s);

/* pos (libyaml's numbering, as every position of s) as an editor shows
 * it: what a trace, a dump, an export or the viewer prints. */
struct srcpos scenario_editor_pos(const struct scenario *s, struct srcpos pos);

/*
 * Reads the file at path whole, once: at most SCENARIO_MAX_FILE_BYTES + 1
 * bytes, so that a caller can tell a file over the limit.  Once only, so
 * that a FIFO is read as the text it gave, and a message quotes what was
 * read rather than open the file again.  With regular_only the open never
 * blocks and anything but a regular file (a FIFO, a device such as the
 * terminal, a directory) is refused unread: for the viewer's reload, which
 * must never wait or read the user's keys.  On success returns 0 and
 * *text (NUL-terminated; caller frees with xfree) of *len bytes; on
 * failure -1, *text NULL, and a diagnostic appended to *errors.
 */
int	scenario_read_file(const char *path, bool regular_only, char **text,
	    size_t *len, struct diag **errors);

#endif
