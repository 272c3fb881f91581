/*
 * program.h: a scenario parsed, checked and compiled the way CPython would
 * compile it -- what the simulator runs.
 *
 * Compiling means: parsing every statement and expect: line, resolving which
 * names of a function are its locals (co_varnames order) and which are
 * global, folding constants (500 + 500, 'ab' + 'c', -1000, tuples of
 * constants), and building each code unit's constant pool, in which equal
 * constants are one entry.  A module-level step is a unit of its own (as a
 * line typed at the prompt); all functions together are one unit (as one
 * module), so equal constants in two function bodies are one object.
 */
#ifndef REFSCOPE_PROGRAM_H
#define REFSCOPE_PROGRAM_H

#include <stdbool.h>
#include <stdint.h>

#include "base/atom.h"
#include "base/diag.h"
#include "lang/ast.h"
#include "lang/scenario.h"

enum constant_kind {
	CONST_NONE,
	CONST_TRUE,
	CONST_FALSE,
	CONST_INT,
	CONST_FLOAT,
	CONST_STR,
	CONST_TUPLE,
	CONST_BIGINT		/* an int beyond 64 bits (one that fits is
				   always a CONST_INT) */
};

/*
 * What made a constant's object.  `python3 FILE.py` keeps the file's parsed
 * tree while the module runs, and the tree holds a reference to each object
 * the parser made and each one its optimizer (Python/ast_opt.c) folded;
 * the objects the code generator makes (the tuple a list display extends
 * its list with, a def's defaults tuple) are held by co_consts alone.
 * Which versions fold in the tree is sim/version.h's tree_holds_folds.
 */
enum constant_origin {
	CONST_BY_COMPILER,
	CONST_BY_AST,		/* folded by the AST optimizer */
	CONST_BY_PARSER		/* a literal: 1000, 1.5, 'text' */
};

/* One entry of a constant pool. */
struct constant {
	enum constant_kind kind;
	enum constant_origin origin;	/* of the object the pool keeps: the
					   first made of equal ones, a
					   parser's before the compiler's */
	union {
		int64_t	 i;
		struct bigint *big;		/* owned */
		double	 f;
		struct {
			char	*bytes;		/* owned */
			size_t	 len;
		} str;
		struct {
			uint32_t *items;	/* owned: pool indices */
			uint32_t  count;
		} tuple;
	} as;
};

struct constant_pool {
	struct constant	*entries;	/* owned */
	uint32_t	 count;
	uint32_t	 cap;
};

/* A compiled step (module level or in a function body). */
struct program_step {
	const struct scenario_step *source;	/* borrowed */
	struct stmt	 *stmt;		/* owned; NULL for a narration step */
	struct expect	**expects;	/* owned array of owned trees */
	uint32_t	  expect_count;
	struct expr	**labels;	/* owned: label: subjects, as
					   source->labels */
	uint32_t	  label_count;
	struct expect	 *ask;		/* owned; NULL without ask: */
	bool		  has_answer;	/* answer: given, as ... */
	int64_t		  answer;	/* ... a number, or 1/0 for a
					   question of truth (ask_is_truth) */
	bool		  borrowed;	/* stmt belongs to a lambda's tree */
	/* A function's step (.py): bit i set when its local i (of the first
	 * 64, a plain one) may be unbound as the step begins, on some path
	 * CPython's compiler sees (exception edges included).  3.14 checks
	 * the first load of such a local (LOAD_FAST_CHECK) and never
	 * borrows that load (flowgraph.c's scan_block_for_locals). */
	uint64_t	  unbound;
	struct constant_pool pool;	/* module steps: this step's unit */
	uint32_t	 *consts;	/* owned: co_consts, as pool indices, in
					   order of first use */
	uint32_t	  const_count;
};

/* What a function's local slot holds (CPython's localsplus kinds): a
 * plain local (LOAD_FAST), a cell of its own that an inner function
 * captures (co_cellvars: MAKE_CELL makes it as the frame starts), or a
 * free variable, a cell of an enclosing function's taken from the
 * function's __closure__ (co_freevars: COPY_FREE_VARS). */
enum local_kind {
	LOCAL_FAST,
	LOCAL_CELL,
	LOCAL_FREE
};

struct program_function {
	atom_t		 name;
	atom_t		 qualname;	/* "C.m" for a method, else name */
	bool		 is_class;	/* a class body (.py): its locals are
					   the class's namespace */
	bool		 uses_super;	/* loads super or __class__ */
	/* A comprehension's function (3.11's, a generator expression's):
	 * its expression, borrowed; its body is one step with no statement,
	 * which the simulator runs from this. */
	const struct expr *comp;
	const struct scenario_function *source;	/* borrowed */
	uint32_t	 param_count;
	atom_t		*locals;	/* owned: params, then other locals;
					   then the cells that are no
					   parameter, then the free
					   variables (each sorted, as 3.11's
					   localsplus) */
	uint32_t	 local_count;
	uint8_t		*local_kinds;	/* owned: enum local_kind of each
					   local, or NULL when all are FAST */
	uint32_t	 free_count;	/* the last free_count locals are
					   free: __closure__ holds their
					   cells, in this order */
	uint32_t	 parent;	/* a def in a function: its number + 1 */
	atom_t		*globals;	/* owned: names declared global */
	uint32_t	 global_count;
	atom_t		*nonlocals;	/* owned: names declared nonlocal */
	uint32_t	*nonlocal_steps;	/* owned: the body step of each
					   one's first declaration */
	uint32_t	*nonlocal_offsets;	/* owned: and where in it */
	uint32_t	 nonlocal_count;
	atom_t		*uses;		/* owned during compilation: names
					   loaded, for the closure analysis */
	uint32_t	 use_count;
	bool		 uses_repeat;	/* a body step has repeat: (binds i) */
	struct program_step *body;	/* owned */
	uint32_t	 body_count;
	uint32_t	*consts;	/* owned: co_consts (indices into the
					   program's function pool) */
	uint32_t	 const_count;
	/* A .py file: 1 + the pool index of its co_consts as one tuple when
	 * the compiler's constant merging makes that tuple a constant of the
	 * module or another function's co_consts (then the module holds the
	 * tuple, not the items); else 0. */
	uint32_t	 consts_tuple;
	/* A class body: its __static_attributes__ (3.13 on), the names its
	 * methods store as self.NAME (an assignment's or a for loop's
	 * target; not +=), sorted as CPython's compiler sorts them. */
	atom_t		*static_attrs;	/* owned */
	uint32_t	 static_attr_count;
};

struct program_class {
	atom_t		 name;
	const struct scenario_class *source;	/* borrowed */
};

struct program {
	const struct scenario *scenario;	/* borrowed; must outlive */
	struct program_function *functions;	/* owned */
	uint32_t	 function_count;
	struct program_class *classes;		/* owned */
	uint32_t	 class_count;
	struct constant_pool function_pool;	/* all functions' unit; of a
						   .py file, the module's */
	struct program_step *steps;		/* owned */
	uint32_t	 step_count;
	/* A .py file: the module's co_consts (indices into function_pool),
	 * made before its first line and held by it to the end. */
	uint32_t	*module_consts;		/* owned */
	uint32_t	 module_const_count;
	/* A .py file's lambdas are functions too, after the scenario's:
	 * each has a source made here (a function of one step, the line
	 * of the lambda), owned. */
	struct scenario_function **lambda_sources;
	uint32_t	 lambda_count;
};

/*
 * Compiles scenario s.  On success returns 0 and *out (caller frees with
 * program_free; s must outlive it).  On failure returns -1 and appends a
 * located diagnostic per bad statement or expect: line to *errors.
 */
int		 program_compile(const struct scenario *s, struct program **out,
		    struct diag **errors);
void		 program_free(struct program *p);

/* The written step a timeline step ran: function 0 the scenario's steps,
 * else 1 + the index of the function whose body it is; source is the
 * index there, UINT32_MAX for a step no statement made (NULL then). */
const struct scenario_step *program_step_source(const struct program *p,
		    uint32_t function, uint32_t source);

/* Loads the scenario at path and compiles it: the two steps every command
 * starts with.  On success 0, with *scenario and *program (caller frees the
 * program first, then the scenario); on failure -1 with diagnostics, and
 * *scenario still set when the file loaded but did not compile (caller
 * frees it). */
int		 program_load(const char *path, struct scenario **scenario,
		    struct program **program, struct diag **errors);

/* Whether an ask: is answered True or False (x is y, alive(x)), rather
 * than by a number (refcount(x), freed). */
bool		 ask_is_truth(const struct expect *ask);

/* The index of function or class `name`, or -1. */
int32_t		 program_find_function(const struct program *p, atom_t name);
int32_t		 program_find_class(const struct program *p, atom_t name);

/* The kind of function f's local i (enum local_kind). */
enum local_kind	 program_local_kind(const struct program_function *f,
		    uint32_t i);

/* Whether name is a local of function f (else it is global). */
bool		 program_is_local(const struct program_function *f, atom_t name,
		    uint32_t *index);

/* A located diagnostic for byte `offset` of a step's code text (status 2
 * unless given), for the simulator's runtime errors. */
struct diag	*program_error_at(const struct program *p,
		    const struct text *code, uint32_t offset,
		    enum diag_status status, const char *fmt, ...)
		    __attribute__((format(printf, 5, 6)));

#endif
