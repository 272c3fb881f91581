/*
 * testlib.c: helpers shared by the Check suites.
 */
#include "config.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"
#include "lang/scenario.h"
#include "testlib.h"

char *
testlib_read_file(const char *path)
{
	FILE	*f = fopen(path, "rb");
	char	*data;
	long	 len;

	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	fseek(f, 0, SEEK_SET);
	data = xmalloc((size_t)len + 1);
	if (fread(data, 1, (size_t)len, f) != (size_t)len)
		len = 0;
	data[len] = '\0';
	fclose(f);
	return data;
}

/*
 * Whether the scenario called name is one to visit: all of them, unless
 * TEST_SAMPLE=N is set (test.sh's valgrind pass, ten to fifty times
 * slower), then one in N, chosen by a hash of its name so that the sample
 * does not depend on the order readdir gives.
 */
unsigned
testlib_sample(void)
{
	const char	*v = getenv("TEST_SAMPLE");
	unsigned long	 n = v != NULL ? strtoul(v, NULL, 10) : 1;

	return n > 1 && n < 1000 ? (unsigned)n : 1;
}

/*
 * Whether the scenario called name is one to visit: with TEST_ONLY=TEXT
 * set (to look at one scenario's failure, or run it under gdb), only
 * those whose file name holds TEXT; then those of the sample.
 */
static bool
in_sample(const char *name)
{
	const char	*only = getenv("TEST_ONLY");
	unsigned	 n = testlib_sample();
	uint32_t	 h = 2166136261u;	/* FNV-1a */

	if (only != NULL && *only != '\0' && strstr(name, only) == NULL)
		return false;
	if (n == 1)
		return true;
	for (const char *c = name; *c != '\0'; c++)
		h = (h ^ (unsigned char)*c) * 16777619u;
	return h % n == 0;
}

unsigned
testlib_each_scenario(void (*visit)(const char *path, const char *yaml))
{
	static const char *const dirs[] = { SRCDIR "/tests/scenarios",
	    SRCDIR "/tests/scenarios/yaml-course", SRCDIR "/scenarios",
	    SRCDIR "/tests/collector", SRCDIR "/assets",
	    SRCDIR "/tests/pyfiles" };
	unsigned seen = 0;

	for (size_t d = 0; d < sizeof dirs / sizeof *dirs; d++) {
		DIR		*dir = opendir(dirs[d]);
		struct dirent	*de;

		if (dir == NULL)
			continue;
		while ((de = readdir(dir)) != NULL) {
			size_t	 len = strlen(de->d_name);
			char	*path, *yaml;

			if ((len < 6 || strcmp(de->d_name + len - 5, ".yaml"))
			    && !scenario_is_python(de->d_name))
				continue;
			if (!in_sample(de->d_name)) {
				seen++;
				continue;
			}
			path = xasprintf("%s/%s", dirs[d], de->d_name);
			yaml = testlib_read_file(path);
			if (yaml != NULL) {
				visit(path, yaml);
				seen++;
			}
			xfree(yaml);
			xfree(path);
		}
		closedir(dir);
	}
	return seen;
}

int
testlib_run_suite(Suite *s)
{
	SRunner	*sr = srunner_create(s);
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
