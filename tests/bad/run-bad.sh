#!/bin/sh
# run-bad.sh: the bad-input corpus (DESIGN §8).  Every file of tests/bad/
# (and a few made here: too large to ship, or not files at all) is given to
# refscope, and each must get the exit status and the located message that
# tests/bad/expected names for it:
#
#   NAME  STATUS  WHERE  RUNS  MESSAGE
#
# WHERE is LINE:COL, or - for a message about the whole file; the message
# must be a line of stderr that starts "NAME:LINE:COL: error: " (or "NAME:
# error: ") and contains MESSAGE.  A name may have several lines (several
# errors).  STATUS 0 expects "NAME: ok" on stdout and nothing on stderr.  A
# name starting with @ is made by make_special below.
#
# Every run is also checked for what no input may cause: a crash, a run
# longer than BAD_TIMEOUT seconds, and a control character, DEL, C1
# control or bidirectional override written raw to stdout or stderr.
# Besides `check`, each file goes through `trace --events`, `dump --list`,
# `dump` and `export --dot` (RUNS all), or only `export --dot` (RUNS big:
# a run whose trace and listings are huge by design, one record of the
# whole heap per step); these must exit with the same status and the same
# first error.  RUNS listing: a run within the limits whose trace, dump
# and listing, given --max-output 16M, must each stop there, and whose
# recording (export --cast) stops at its limit of DESIGN §8.
#
# Environment: REFSCOPE (default $abs_top_builddir/refscope), BAD_TIMEOUT
# (CPU seconds per run, default 20 times CK_TIMEOUT_MULTIPLIER), BAD_WRAPPER
# (a command to run refscope under, e.g. valgrind; then only `check` runs,
# without a time limit), BAD_ONLY (a name: run that case alone).
# Prints one line per check and `N passed, M failed` last; exit status 0
# when all pass, 1 otherwise, 99 without refscope.

top=$(cd "$(dirname "$0")/../.." && pwd)
abs_top_srcdir=${abs_top_srcdir:-$top}
abs_top_builddir=${abs_top_builddir:-$top}
REFSCOPE=${REFSCOPE:-$abs_top_builddir/refscope}
data=$abs_top_srcdir/tests/bad
BAD_TIMEOUT=${BAD_TIMEOUT:-$((20 * ${CK_TIMEOUT_MULTIPLIER:-1}))}
BAD_WRAPPER=${BAD_WRAPPER:-}

if [ ! -x "$REFSCOPE" ]; then
	echo "run-bad.sh: no refscope program at $REFSCOPE (set REFSCOPE)"
	exit 99
fi
case $REFSCOPE in
/*) ;;
*) REFSCOPE=$PWD/$REFSCOPE ;;
esac

tmp=$(mktemp -d "${TMPDIR:-/tmp}/refscope-bad.XXXXXX") || exit 99
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
mkdir "$tmp/special" "$tmp/work"

. "$abs_top_srcdir/tests/lib.sh"
ESC=$(printf '\033')
slowest=0
slowest_run=

# Every case runs with a 4 MiB stack, half the usual: refscope measures
# the C stack its evaluation uses against the limit, and must stop with a
# located error there, never die of SIGSEGV (stack-calls-unary.yaml).
ulimit -s 4096 2>/dev/null || true

# A run may take BAD_TIMEOUT seconds of CPU (ulimit -t: a loaded machine
# does not make it fail), and five times that of the clock (a run that
# waits forever).
if [ -z "$BAD_WRAPPER" ] && command -v timeout >/dev/null 2>&1; then
	limit_time="timeout $((BAD_TIMEOUT * 5))"
	limit_cpu="ulimit -t $BAD_TIMEOUT"
else
	limit_time=
	limit_cpu=:
fi


# ---- the inputs made here ----

# A chain of n functions, f1 calling f2 ... fn: a call depth of n.
call_chain() {
	printf 'refscope: 1\ntitle: A call depth of %s\nfunctions:\n' "$1"
	awk -v n="$1" 'BEGIN {
		for (i = 1; i <= n; i++) {
			printf "  - name: f%d\n    body:\n", i
			if (i < n)
				printf "      - do: return f%d()\n", i + 1
			else
				printf "      - do: return 1\n"
		}
	}'
	printf 'steps:\n  - do: x = f1()\n'
}

make_special() {
	d=$tmp/special
	# one byte over 1 MiB: a valid scenario padded with a comment
	{
		printf 'refscope: 1\ntitle: One byte over 1 MiB\nsteps:\n  - do: x = 1\n#'
		head -c 1048576 /dev/zero | tr '\0' x | head -c $((1048576 - 50))
		printf '\n'
	} >"$d/size-over-1mib.yaml"
	head -c 1048577 "$d/size-over-1mib.yaml" >"$d/size-over-1mib.tmp" &&
	    mv "$d/size-over-1mib.tmp" "$d/size-over-1mib.yaml"
	{
		printf 'refscope: 1\ntitle: 10 001 written steps\nsteps:\n'
		awk 'BEGIN { for (i = 0; i < 10001; i++) print "  - do: x = 1" }'
	} >"$d/steps-10001.yaml"
	{
		printf "refscope: 1\ntitle: A literal of 4 097 characters\nsteps:\n  - do: x = '"
		head -c 4097 /dev/zero | tr '\0' a
		printf "'\n"
	} >"$d/literal-4097.yaml"
	call_chain 200 >"$d/depth-200.yaml"
	call_chain 201 >"$d/depth-201.yaml"
	mkdir "$d/directory.yaml"
	ln -s /dev/zero "$d/dev-zero.yaml"
	ln -s loop-b.yaml "$d/symlink-loop.yaml"
	ln -s symlink-loop.yaml "$d/loop-b.yaml"
	# an unreadable file: only meaningful when not root
	printf 'refscope: 1\ntitle: t\nsteps:\n  - do: x = 1\n' >"$d/unreadable.yaml"
	chmod 000 "$d/unreadable.yaml"
}

# ---- running refscope ----

# run NAME ARGS...: runs refscope ARGS in the directory of NAME's file, so
# that messages name it as NAME; $rc, $tmp/out, $tmp/err, $last_cmd.
run() {
	name=$1
	shift
	# (cat -v: a hostile file name must not reach this log raw either)
	last_cmd=$(printf 'refscope %s %s' "$*" "$name" | cat -v)
	start=$(date +%s)
	# shellcheck disable=SC2086 # the wrapper and timeout are words
	(cd "$dir" && $limit_cpu && $limit_time $BAD_WRAPPER "$REFSCOPE" \
	    "$@" "$name" >"$tmp/out" 2>"$tmp/err" </dev/null)
	rc=$?
	took=$(($(date +%s) - start))
	if [ "$took" -gt "$slowest" ]; then
		slowest=$took
		slowest_run=$last_cmd
	fi
	# 124: timeout's clock; 128 + SIGXCPU (24) or SIGKILL (9): the CPU
	if [ "$rc" -eq 124 ] && [ -n "$limit_time" ]; then
		fail "$last_cmd: finishes" \
		    "still running after $((BAD_TIMEOUT * 5))s"
		return 1
	elif { [ "$rc" -eq 152 ] || [ "$rc" -eq 137 ]; } &&
	    [ -n "$limit_time" ]; then
		fail "$last_cmd: finishes" \
		    "used more than ${BAD_TIMEOUT}s of CPU"
		return 1
	elif [ "$rc" -ge 128 ] || { [ -n "$BAD_WRAPPER" ] && [ "$rc" -eq 99 ]; }; then
		fail "$last_cmd: does not crash" "exit $rc; stderr:" \
		    "$(head -c 2000 "$tmp/err")"
		return 1
	fi
	return 0
}

# no_raw: nothing on stdout or stderr that a terminal would act on:
# C0 controls but the line break, DEL, C1 controls (U+0080..U+009F),
# bidirectional embeddings, overrides and isolates; nor what hides or
# reorders text (U+200B..U+200F, U+2028, U+2029, U+061C, U+FEFF).
no_raw() {
	bad=
	for f in out err; do
		if [ -n "$(LC_ALL=C tr -d '\n\040-\176\200-\377' <"$tmp/$f" |
		    head -c 1)" ]; then
			bad="$bad a C0 control or DEL in std$f;"
		fi
		if LC_ALL=C grep -q "$(printf '\302[\200-\237]')" "$tmp/$f"; then
			bad="$bad a C1 control in std$f;"
		fi
		if LC_ALL=C grep -q "$(printf '\342\200[\252-\256]')" \
		    "$tmp/$f" || LC_ALL=C grep -q \
		    "$(printf '\342\201[\246-\251]')" "$tmp/$f"; then
			bad="$bad a bidirectional control in std$f;"
		fi
		# the other invisible format characters (utf8_must_escape)
		if LC_ALL=C grep -q "$(printf '\342\200[\213-\217\250\251]')" \
		    "$tmp/$f" || LC_ALL=C grep -q "$(printf '\330\234')" \
		    "$tmp/$f" || LC_ALL=C grep -q "$(printf '\357\273\277')" \
		    "$tmp/$f"; then
			bad="$bad an invisible format character in std$f;"
		fi
	done
	if [ -z "$bad" ]; then
		pass "$last_cmd: nothing raw written"
	else
		fail "$last_cmd: nothing raw written" "found:$bad"
	fi
}

first_error() {
	grep -m1 ': error: ' "$tmp/err"
}

# check_case NAME STATUS: `check NAME`, its status and expected lines.
check_case() {
	name=$1
	want=$2
	run "$name" check || return
	if [ "$rc" -ne "$want" ]; then
		fail "$last_cmd: exit $want" "exit $rc; stderr:" \
		    "$(head -c 600 "$tmp/err")"
		return
	fi
	pass "$last_cmd: exit $want"
	no_raw
	if [ "$want" -eq 0 ]; then
		if grep -qx "$name: ok (.*)" "$tmp/out" && [ ! -s "$tmp/err" ]; then
			pass "$last_cmd: ok line, nothing on stderr"
		else
			fail "$last_cmd: ok line, nothing on stderr" \
			    "stdout: $(head -c 300 "$tmp/out")" \
			    "stderr: $(head -c 300 "$tmp/err")"
		fi
		return
	fi
	# the first line of stderr is located at the file
	case $(head -n1 "$tmp/err") in
	"$name: error: "* | "$name:"[0-9]*": error: "*)
		pass "$last_cmd: the first line names the file" ;;
	*)
		fail "$last_cmd: the first line names the file" \
		    "stderr: $(head -c 300 "$tmp/err")" ;;
	esac
	awk -F '\t' -v name="$name" '$1 == name' "$tmp/expected" |
	    while IFS='	' read -r _ where message; do
		if [ "$where" = - ]; then
			prefix="$name: error: "
		else
			prefix="$name:$where: error: "
		fi
		if grep -F -- "$prefix" "$tmp/err" | grep -qF -- "$message"; then
			echo "ok   $last_cmd: $prefix...$message"
		else
			echo "FAIL $last_cmd: $prefix...$message"
			echo "       stderr: $(grep ': error: ' "$tmp/err" | head -n 5)"
		fi
	done >"$tmp/lines"
	cat "$tmp/lines"
	passed=$((passed + $(grep -c '^ok' "$tmp/lines")))
	failed=$((failed + $(grep -c '^FAIL' "$tmp/lines")))
	first_error >"$tmp/first" || : >"$tmp/first"
}

# listing_commands NAME: a run that check finds well within the limits,
# but whose trace and listings would be gigabytes: given --max-output,
# each stops there, with a located message, in time.
listing_commands() {
	for cmd in "trace --events" "dump --list" "dump" "export --cast"; do
		case $cmd in
		export*) ;;
		*) cmd="$cmd --max-output 16M" ;;
		esac
		# shellcheck disable=SC2086 # cmd is words
		run "$1" $cmd || continue
		no_raw
		if [ "$rc" -eq 2 ] && first_error | grep -qE \
		    "^$1:[0-9]+:[0-9]+: error: the ((trace|dump) stops at step [0-9]+: it has written 16 MiB, the most --max-output allows|recording stops at step [0-9]+: it has written 64 MiB, the most refscope writes there)"
		then
			pass "$last_cmd: stops at its limit"
		else
			fail "$last_cmd: stops at its limit" \
			    "exit $rc; stderr: $(head -c 400 "$tmp/err")"
		fi
	done
}

# other_commands NAME STATUS RUNS: the commands that write a run out agree
# with check.
other_commands() {
	name=$1
	want=$2
	if [ "$3" = big ]; then
		set -- "export --dot"
	elif [ "$3" = listing ]; then
		listing_commands "$name"
		set -- "export --dot"
	else
		set -- "trace --events" "dump --list" "dump" "export --dot"
	fi
	for cmd in "$@"; do
		# shellcheck disable=SC2086 # cmd is words
		run "$name" $cmd || continue
		# a failed expect: export --dot still writes the graph
		if [ "$rc" -ne "$want" ]; then
			fail "$last_cmd: exit $want, as check" "exit $rc; stderr:" \
			    "$(head -c 400 "$tmp/err")"
			continue
		fi
		no_raw
		if [ "$want" -ne 0 ]; then
			if [ "$(first_error)" = "$(cat "$tmp/first")" ]; then
				pass "$last_cmd: the same first error as check"
			else
				fail "$last_cmd: the same first error as check" \
				    "check: $(cat "$tmp/first")" \
				    "here:  $(first_error)"
			fi
		fi
	done
	true
}

# ---- the corpus ----

make_special
# the table without comments, one tab-separated line per expected message
sed -e '/^#/d' -e '/^[[:space:]]*$/d' "$data/expected" |
    awk '{ name = $1; status = $2; where = $3; runs = $4;
	   sub(/^[^ \t]+[ \t]+[^ \t]+[ \t]+[^ \t]+[ \t]+[^ \t]+[ \t]*/, "");
	   print name "\t" status "\t" where "\t" runs "\t" $0 }' \
    >"$tmp/table"
cut -f1,3,5 "$tmp/table" | sed 's/^@//' >"$tmp/expected"

# every file of the directory has an expectation, and the other way round
for f in "$data"/*.yaml "$data"/*.py; do
	name=$(basename "$f")
	if ! cut -f1 "$tmp/table" | grep -qxF -- "$name"; then
		fail "$name has a line in tests/bad/expected" "it has none"
	fi
done

cut -f1,2,4 "$tmp/table" | awk '!seen[$1]++' >"$tmp/cases"
count=0
while IFS='	' read -r name status runs; do
	[ -z "${BAD_ONLY:-}" ] || [ "$BAD_ONLY" = "$name" ] || continue
	case $name in
	@*)
		name=${name#@}
		dir=$tmp/special
		if [ "$name" = unreadable.yaml ] && [ "$(id -u)" -eq 0 ]; then
			echo "skip $name: root reads every file"
			continue
		fi ;;
	*)
		dir=$data
		if [ ! -e "$data/$name" ]; then
			fail "$name exists in tests/bad" "no such file"
			continue
		fi ;;
	esac
	count=$((count + 1))
	check_case "$name" "$status"
	if [ -z "$BAD_WRAPPER" ]; then
		other_commands "$name" "$status" "$runs"
	fi
done <"$tmp/cases"

# ---- a file whose name holds control characters ----

# Names come from downloads too: every command that prints one escapes it.
if [ -z "${BAD_ONLY:-}" ]; then
	dir=$tmp/work
	hostile=$(printf 'esc-\033[2J-\007-\342\200\256.yaml')
	cp "$data/bom-ok.yaml" "$dir/$hostile"
	for args in "check" "trace" "dump --list" "export --dot --step 9" \
	    "new" "new"; do
		# shellcheck disable=SC2086 # args is words
		run "$hostile" $args || continue
		no_raw
	done
	run "$hostile" check
	if grep -qF 'esc-\x1b[2J-\x07-\u202e.yaml: ok' "$tmp/out"; then
		pass "a hostile file name is shown escaped"
	else
		fail "a hostile file name is shown escaped" \
		    "stdout: $(head -c 300 "$tmp/out" | od -c | head -n 5)"
	fi
	rm -f "$dir/$hostile"
	run "$hostile" new
	no_raw
fi

echo "$count cases; the slowest run took ${slowest}s: $slowest_run"
finish
