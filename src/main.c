/*
 * main.c: a placeholder until the command line is written (DESIGN §6).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

int
main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "--version") == 0) {
		printf("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
		return 0;
	}
	fprintf(stderr, "usage: refscope --version\n"
	    "refscope %s: the other commands are not written yet\n",
	    PACKAGE_VERSION);
	return 2;
}
