# src/lang: what the author writes -> a checked program.
librefscope_a_SOURCES += \
	src/lang/ast.c src/lang/ast.h \
	src/lang/ident.c src/lang/ident.h src/lang/unicode_nfkc.inc \
	src/lang/lexer.c src/lang/lexer.h \
	src/lang/parser.c src/lang/parser.h \
	src/lang/yamlpos.c src/lang/yamlpos.h \
	src/lang/scenario.c src/lang/scenario.h \
	src/lang/pyfile.c src/lang/pyfile.h \
	src/lang/program.c src/lang/program.h

check_PROGRAMS += tests/check_parser tests/check_scenario
tests_check_parser_SOURCES = tests/check_parser.c
tests_check_scenario_SOURCES = tests/check_scenario.c
EXTRA_DIST += tests/data/scenario tests/data/nfkc
