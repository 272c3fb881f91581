/*
 * budget.c: how much one command may write.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>

#include "writer/budget.h"

/* "256 MiB", "1500 KiB", "999 bytes": the limit as a user would write it. */
static const char *
size_text(uint64_t bytes, char *buf, size_t size)
{
	if (bytes % (1024u * 1024u) == 0)
		snprintf(buf, size, "%" PRIu64 " MiB", bytes / (1024u * 1024u));
	else if (bytes % 1024u == 0)
		snprintf(buf, size, "%" PRIu64 " KiB", bytes / 1024u);
	else
		snprintf(buf, size, "%" PRIu64 " bytes", bytes);
	return buf;
}

/* Who allows no more, and what to do about it, by enum writer_limit_source. */
static const struct {
	const char	*most;
	const char	*hint;
} limit_text[] = {
	[WRITER_LIMIT_TERMINAL] = { "refscope writes to a terminal",
	    "written to a file or a pipe it has no limit, and `trace --delta` "
	    "writes only what each step changed; --max-output SIZE sets one" },
	[WRITER_LIMIT_OPTION] = { "--max-output allows",
	    "--max-output 0 writes it all; `refscope check` runs any scenario "
	    "in full" },
	[WRITER_LIMIT_FIXED] = { "refscope writes there (a limit of DESIGN §8)",
	    "fewer steps or fewer live objects make a shorter one; `refscope "
	    "check` runs any scenario in full" },
};

bool
writer_budget_spend(struct writer_budget *b, uint64_t n, const struct program *p,
    const struct timeline *t, uint32_t step)
{
	const struct timeline_step	*ts = &t->steps[step];
	const struct scenario_step	*src;
	struct srcpos			 pos = { 0, 0 };
	char				 size[32];

	if (b->spent != NULL || b->error != 0)
		return false;
	if (b->limit.bytes == 0 || b->written + n <= b->limit.bytes) {
		b->written += n;
		return true;
	}
	src = program_step_source(p, ts->function, ts->source);
	if (src != NULL)
		pos = src->code.value != NULL ? src->code.pos : src->pos;
	b->spent = diag_new(p->scenario->file, pos, DIAG_MALFORMED,
	    "%s stops at step %u: it has written %s, the most %s", b->what,
	    step, size_text(b->limit.bytes, size, sizeof size),
	    limit_text[b->limit.source].most);
	diag_set_hint(b->spent, "%s", limit_text[b->limit.source].hint);
	return false;
}

bool
writer_budget_write(struct writer_budget *b, FILE *out, const void *data,
    size_t len, const struct program *p, const struct timeline *t,
    uint32_t step)
{
	if (!writer_budget_spend(b, len, p, t, step))
		return false;
	errno = 0;
	if (fwrite(data, 1, len, out) == len && !ferror(out))
		return true;
	b->error = errno != 0 ? errno : EIO;
	return false;
}

bool
writer_budget_spent(const struct writer_budget *b)
{
	return b->spent != NULL || b->error != 0;
}

void
writer_budget_take(struct writer_budget *b, struct diag **errors)
{
	if (b->spent != NULL)
		diag_append(errors, b->spent);
	b->spent = NULL;
}
