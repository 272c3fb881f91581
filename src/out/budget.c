/*
 * budget.c: how much one command may write.
 */
#include "config.h"

#include <errno.h>

#include "out/budget.h"

bool
out_budget_spend(struct out_budget *b, uint64_t n, const struct program *p,
    const struct timeline *t, uint32_t step)
{
	const struct timeline_step	*ts = &t->steps[step];
	const struct scenario_step	*src;
	struct srcpos			 pos = { 0, 0 };

	if (b->spent != NULL || b->error != 0)
		return false;
	if (b->written + n <= b->limit) {
		b->written += n;
		return true;
	}
	src = program_step_source(p, ts->function, ts->source);
	if (src != NULL)
		pos = src->code.value != NULL ? src->code.pos : src->pos;
	b->spent = diag_new(p->scenario->file, pos, DIAG_MALFORMED,
	    "%s stops at step %u: it has reached the most refscope writes "
	    "there (%u MiB, a limit of DESIGN §8)", b->what, step,
	    (unsigned)(b->limit / (1024u * 1024u)));
	diag_set_hint(b->spent, "fewer steps or fewer live objects make a "
	    "shorter listing; `refscope check` runs any scenario in full");
	return false;
}

bool
out_budget_write(struct out_budget *b, FILE *out, const void *data,
    size_t len, const struct program *p, const struct timeline *t,
    uint32_t step)
{
	if (!out_budget_spend(b, len, p, t, step))
		return false;
	errno = 0;
	if (fwrite(data, 1, len, out) == len && !ferror(out))
		return true;
	b->error = errno != 0 ? errno : EIO;
	return false;
}

bool
out_budget_spent(const struct out_budget *b)
{
	return b->spent != NULL || b->error != 0;
}

void
out_budget_take(struct out_budget *b, struct diag **errors)
{
	if (b->spent != NULL)
		diag_append(errors, b->spent);
	b->spent = NULL;
}
