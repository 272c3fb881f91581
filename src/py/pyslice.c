/*
 * pyslice.c: slice bounds clamped as CPython does.  Python's ints are
 * int64 here, which plays the part of Py_ssize_t: a missing bound is the
 * far end in the step's direction, and a step below -INT64_MAX is
 * -INT64_MAX so that it can be negated.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdint.h>

#include "py/pyslice.h"

/* One bound of PySlice_AdjustIndices. */
static int64_t
clamp(int64_t i, int64_t len, int64_t step)
{
	if (i < 0) {
		i += len;
		if (i < 0)
			i = step < 0 ? -1 : 0;
	} else if (i >= len)
		i = step < 0 ? len - 1 : len;
	return i;
}

bool
pyslice_adjust(const struct pyslice_bounds *b, int64_t len,
    struct pyslice *out)
{
	int64_t step = b->has_step ? b->step : 1, start, stop;

	if (step == 0)
		return false;
	if (step < -INT64_MAX)
		step = -INT64_MAX;
	start = b->has_start ? b->start : step < 0 ? INT64_MAX : 0;
	stop = b->has_stop ? b->stop : step < 0 ? INT64_MIN : INT64_MAX;
	start = clamp(start, len, step);
	stop = clamp(stop, len, step);
	out->start = start;
	out->stop = stop;
	out->step = step;
	if (step < 0)
		out->count = stop < start ? (start - stop - 1) / -step + 1 : 0;
	else
		out->count = start < stop ? (stop - start - 1) / step + 1 : 0;
	return true;
}
