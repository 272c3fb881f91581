/*
 * pyslice.h: which items a slice takes, as CPython 3.11 works it out
 * (PySlice_Unpack, then PySlice_AdjustIndices), for the simulator's
 * a[i:j:k] on lists, tuples and strs and their slice assignment.
 */
#ifndef REFSCOPE_PYSLICE_H
#define REFSCOPE_PYSLICE_H

#include <stdbool.h>
#include <stdint.h>

/* The bounds as written: has_* false for None. */
struct pyslice_bounds {
	bool	 has_start, has_stop, has_step;
	int64_t	 start, stop, step;
};

/* The items taken: start, start + step, ... count of them. */
struct pyslice {
	int64_t	 start, stop, step;
	int64_t	 count;
};

/*
 * The slice of a sequence of len items.  False when the step is 0 (CPython
 * raises ValueError: slice step cannot be zero); *out is then untouched.
 * stop is what AdjustIndices leaves, which list slice assignment reads.
 */
bool	pyslice_adjust(const struct pyslice_bounds *b, int64_t len,
	    struct pyslice *out);

#endif
