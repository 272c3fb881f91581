/*
 * comparetext.c: the report of `refscope compare` (comparetext.h).
 *
 *	3.11 and 3.14, step by step: FILE
 *	step 1, line 4: x = None
 *	  count of x: 1 on 3.11, immortal (getrefcount 3221225472) on 3.14
 *	    immortal objects (PEP 683): from 3.12 None, True, ...
 *	1 of 5 steps differs.
 */
#include "config.h"

#include <string.h>

#include "lang/program.h"
#include "lang/scenario.h"
#include "py/pyversion.h"
#include "sim/timeline.h"
#include "sim/version.h"
#include "writer/comparetext.h"

/* "step 3, line 5: y = x"; the set-up, which no line made, "set-up". */
static void
step_header(const struct run *a, uint32_t k, struct strbuf *out)
{
	const struct timeline_step	*ts = &a->timeline->steps[k];
	const struct scenario_step	*src = program_step_source(a->program,
	    ts->function, ts->source);

	if (src == NULL) {
		strbuf_printf(out, "step %u, the set-up\n", k);
		return;
	}
	strbuf_printf(out, "step %u, line %u: ", k,
	    scenario_editor_pos(a->program->scenario, src->code.value ?
	    src->code.pos : src->pos).line);
	if (src->code.value != NULL)
		strbuf_append_visible(out, src->code.value, src->code.len, 0);
	strbuf_putc(out, '\n');
}

void
comparetext_write(const struct compare *c, const struct run *a,
    const char *name, struct strbuf *out)
{
	const char *va = pyversion_name(c->version[0]);
	const char *vb = pyversion_name(c->version[1]);

	strbuf_printf(out, "%s and %s, step by step: %s\n", va, vb, name);
	for (uint32_t k = 0; k < c->steps; k++) {
		uint32_t			 n;
		const struct compare_diff	*d = compare_step(c, k, &n);

		if (n == 0)
			continue;
		step_header(a, c->step_of[0][k], out);
		for (uint32_t i = 0; i < n; i++) {
			strbuf_puts(out, "  ");
			compare_diff_text(c, &d[i], out);
			strbuf_printf(out, "\n    %s: %s\n",
			    version_rule_name(d[i].rule),
			    version_rule_says(d[i].rule));
		}
	}
	if (c->parted)
		strbuf_printf(out, "The runs part after step %u: %u more "
		    "steps on %s, %u on %s.\n", c->steps > 0 ?
		    c->step_of[0][c->steps - 1] : 0, c->more[0], va,
		    c->more[1], vb);
	else if (c->more[0] != c->more[1])
		strbuf_printf(out, "%s runs %u more steps.\n",
		    c->more[0] > c->more[1] ? va : vb,
		    c->more[0] > c->more[1] ? c->more[0] : c->more[1]);
	if (c->steps_differ == 0 && !c->parted && c->more[0] == c->more[1])
		strbuf_printf(out, "%s and %s agree at every step (%u): "
		    "counts, identities, immortals, tracking, frees, "
		    "collections, thresholds and output.\n", va, vb,
		    c->steps);
	else
		strbuf_printf(out, "%u of %u steps differ%s.\n",
		    c->steps_differ, c->steps, c->steps_differ == 1 &&
		    c->steps != 1 ? "s" : "");
}
