/*
 * testlib.c: helpers shared by the Check suites.
 */
#include "config.h"

#include <dirent.h>
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
