/*
 * datadir.c: finding the shipped files (see datadir.h).
 *
 * The program tells where it runs from by /proc/self/exe.  Built in a
 * source tree it is BUILDDIR/refscope, and reads SRCDIR; anywhere else it is
 * an installed copy, which must not read a source tree that may since have
 * changed or gone.  Where /proc cannot say, both places are tried, the
 * source tree first, as a program that cannot tell is most likely one
 * being developed.
 */
#include "config.h"

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/datadir.h"
#include "base/xalloc.h"

/* Each file's place in a source tree and in an installed data directory. */
static const struct {
	const char	*in_source;
	const char	*installed;
} places[] = {
	[DATADIR_SCENARIOS] = { "scenarios", "scenarios" },
	[DATADIR_STARTER] = { "assets/starter.yaml", "starter.yaml" },
	[DATADIR_STARTER_PY] = { "assets/starter.py", "starter.py" },
	[DATADIR_TOUR] = { "assets/tour.py", "tour.py" },
};

enum origin {
	ORIGIN_UNKNOWN,
	ORIGIN_BUILD_TREE,
	ORIGIN_INSTALLED
};

/* The folder the running program is in, resolved, into dir. */
static bool
program_dir(char *dir, size_t size)
{
	ssize_t	 n = readlink("/proc/self/exe", dir, size - 1);
	char	*slash;

	if (n <= 0 || (size_t)n >= size - 1)
		return false;
	dir[n] = '\0';
	if (dir[0] != '/' || (slash = strrchr(dir, '/')) == NULL)
		return false;
	*slash = '\0';
	return true;
}

static enum origin
program_origin(char *dir, size_t size)
{
	char	build[PATH_MAX];

	if (!program_dir(dir, size))
		return ORIGIN_UNKNOWN;
	if (realpath(BUILDDIR, build) != NULL && strcmp(build, dir) == 0)
		return ORIGIN_BUILD_TREE;
	return ORIGIN_INSTALLED;
}

/*
 * The data directory of a program installed in dir, wherever its prefix is
 * now: PREFIX/share/refscope for PREFIX/bin (in configure's layout, taken
 * relative to the prefix).  NULL when dir is not such a bin folder or
 * configure's layout is not relative to the prefix.
 */
static char *
data_beside(const char *dir)
{
	size_t		 prefix_len = strlen(PREFIX), sub_len, dir_len;
	const char	*bin_sub, *data_sub;

	/* both under the prefix, or we cannot tell where data is */
	if (strncmp(BINDIR, PREFIX, prefix_len) != 0 ||
	    strncmp(PKGDATADIR, PREFIX, prefix_len) != 0)
		return NULL;
	bin_sub = &BINDIR[prefix_len];
	data_sub = &PKGDATADIR[prefix_len];
	if (bin_sub[0] != '/' || data_sub[0] != '/')
		return NULL;
	sub_len = strlen(bin_sub);
	dir_len = strlen(dir);
	if (dir_len < sub_len || strcmp(dir + dir_len - sub_len, bin_sub) != 0)
		return NULL;
	return xasprintf("%.*s%s", (int)(dir_len - sub_len), dir, data_sub);
}

static bool
exists(const char *path)
{
	struct stat	st;

	return stat(path, &st) == 0;
}

/* Takes path when it exists (and returns true), else frees it. */
static bool
take_if_exists(char *path, char **out)
{
	if (exists(path)) {
		*out = path;
		return true;
	}
	xfree(path);
	return false;
}

char *
datadir_find(enum datadir_file what)
{
	char		 dir[PATH_MAX];
	char		*found = NULL, *beside;
	enum origin	 origin = program_origin(dir, sizeof dir);

	if (origin != ORIGIN_INSTALLED && take_if_exists(xasprintf("%s/%s",
	    SRCDIR, places[what].in_source), &found))
		return found;
	if (origin == ORIGIN_INSTALLED && (beside = data_beside(dir)) != NULL) {
		bool ok = take_if_exists(xasprintf("%s/%s", beside,
		    places[what].installed), &found);

		xfree(beside);
		if (ok)
			return found;
	}
	if (take_if_exists(xasprintf("%s/%s", PKGDATADIR,
	    places[what].installed), &found))
		return found;
	return NULL;
}
