#!/bin/sh
# run-faults.sh: the viewer under faults (DESIGN §8), driven in tmux.
#
#  1. Every signal whose default action ends a process (INT, TERM, HUP,
#     QUIT, ILL, TRAP, ABRT, BUS, FPE, SEGV, SYS, USR1, USR2, PIPE, ALRM,
#     XCPU, XFSZ, VTALRM, PROF, ...) ends the viewer with the terminal
#     restored: out of the alternate screen, echo and canonical input on,
#     the cursor shown, keypad and mouse modes off, and the status of the
#     signal.  TERM=dumb gets a message and status 2, not a blank screen.
#  2. A watched file that is deleted, truncated, half-written, replaced by
#     a directory, a FIFO or a link to the terminal, or made unreadable
#     keeps the last good run on screen (its step and its graph) with a
#     banner saying why; a good file again clears the banner.  With a
#     FIFO there, q and the first SIGINT still quit at once.
#  3. An unreadable file given at the start gets a clear message and
#     status 2, without touching the terminal.
#  4. A FIFO holding a malformed scenario: check reads it once and quotes
#     the line from what it read, rather than wait for ever.
#
# Unreadable files need a user other than root: as root the test runs
# refscope as nobody (setpriv), or skips those checks without setpriv.
#
# Environment: as tests/e2e/tmux.sh says.  Prints one line per check and
# `N passed, M failed` last; exit status 0 when all pass, 1 otherwise, 77
# (skip) without tmux, 99 without refscope.

suite=faults
. "$(dirname "$0")/tmux.sh"
chmod 755 "$tmp"	# nobody reads the files here

# As whom an unreadable file is unreadable: ourselves, or nobody when root.
as_user=
if [ "$(id -u)" -eq 0 ]; then
	if command -v setpriv >/dev/null 2>&1; then
		as_user="setpriv --reuid=65534 --regid=65534 --clear-groups"
	fi
fi
can_deny=true
[ "$(id -u)" -ne 0 ] || [ -n "$as_user" ] || can_deny=false

# ==== 1. signals ====

cp "$data/play.yaml" "$tmp/good.yaml"
chmod 644 "$tmp/good.yaml"

start "sh -i"
typed 'echo READY_$((1+2))'
wait_for READY_3
sane='stty -a | grep -Eq "(^| )echo( |\$)" && stty -a | grep -Eq "(^| )icanon( |\$)" && echo SANE_$((40+2))'

# signal NAME NUMBER STATUSES: starts the viewer, sends the signal, checks
# the terminal and the status (one of STATUSES, a regex).
signal() {
	name=$1
	statuses=$3
	typed "clear; sh '$tmp/wrap.sh' '$tmp/good.yaml'"
	if ! wait_for "Viewer end-to-end fixture" || ! wait_alt 1; then
		fail "SIG$name: the viewer starts" "$(screen)"
		return
	fi
	keys j
	wait_for "step 1/4"
	kill "-$name" "$(cat "$tmp/pid")"
	if wait_alt 0 && wait_for "STATUS_" &&
	    screen | grep -Eq "STATUS_($statuses)_"; then
		pass "SIG$name: out of the alternate screen, status $(screen |
		    sed -n 's/.*STATUS_\([0-9]*\)_.*/\1/p' | tail -n1)"
	else
		fail "SIG$name: out of the alternate screen, status $statuses" \
		    "$(screen)"
	fi
	if [ "$(pane '#{cursor_flag}')" = 1 ]; then
		pass "SIG$name: the cursor is shown"
	else
		fail "SIG$name: the cursor is shown (cursor_flag $(pane \
		    '#{cursor_flag}'))"
	fi
	if [ "$(pane '#{keypad_cursor_flag}#{keypad_flag}')" = 00 ]; then
		pass "SIG$name: keypad modes are off"
	else
		fail "SIG$name: keypad modes are off ($(pane \
		    '#{keypad_cursor_flag}#{keypad_flag}'))"
	fi
	if [ "$(pane '#{mouse_any_flag}')" = 0 ]; then
		pass "SIG$name: mouse reporting is off"
	else
		fail "SIG$name: mouse reporting is off"
	fi
	typed "clear; $sane"
	check "SIG$name: echo and icanon are on again" "SANE_42"
}

# The viewer runs under a wrapper that prints its status: an interactive
# shell would drop the rest of a line whose job died of SIGINT.
# (no core files: several signals dump core by default)
cat >"$tmp/wrap.sh" <<EOF
trap : INT
ulimit -c 0
sh -c 'echo \$\$ >"$tmp/pid"; exec "$REFSCOPE" "\$1"' sh "\$1" 2>"$tmp/stderr"
echo STATUS_\$?_
EOF

# signum NAME: the number of signal NAME here (false if there is none);
# kill -l of a POSIX shell maps numbers to names only.
signum() {
	n=1
	while [ $n -lt 65 ]; do
		if [ "$(kill -l $n 2>/dev/null)" = "$1" ]; then
			echo $n
			return 0
		fi
		n=$((n + 1))
	done
	return 1
}

# Each signal is sent to the viewer alone; the status is 128 + its number.
# The sanitizer build turns the fault signals into its own report and an
# abort (134), so that is accepted for them.
for name in INT TERM HUP QUIT ILL TRAP ABRT BUS FPE SEGV SYS USR1 USR2 \
    PIPE ALRM XCPU XFSZ VTALRM PROF STKFLT PWR IO; do
	number=$(signum "$name") || continue
	case $name in
	ILL | BUS | FPE | SEGV) statuses="$((128 + number))|134" ;;
	*) statuses=$((128 + number)) ;;
	esac
	signal "$name" "$number" "$statuses"
	case $name in
	INT | TERM | HUP) continue ;;
	esac
	if grep -q "SIG$name; terminal restored" "$tmp/stderr"; then
		pass "SIG$name: a line on stderr says the terminal was restored"
	else
		fail "SIG$name: a line on stderr says the terminal was restored" \
		    "$(cat "$tmp/stderr")"
	fi
done

# A terminal that cannot move the cursor: a message and status 2, not a
# blank screen, and the terminal untouched.
typed "clear; TERM=dumb '$REFSCOPE' '$tmp/good.yaml'; echo STATUS_\$?_"
if wait_for "STATUS_2_" && screen | grep -q "cannot move the cursor" &&
    [ "$(pane '#{alternate_on}')" = 0 ]; then
	pass "TERM=dumb: a message, status 2, no alternate screen"
else
	fail "TERM=dumb: a message, status 2, no alternate screen" "$(screen)"
fi

# ==== 2. the watched file goes bad ====

# watch: the viewer on $tmp/play.yaml at step 2, the graph drawn.
watch() {
	cp "$data/play.yaml" "$tmp/play.yaml"
	chmod 644 "$tmp/play.yaml"
	start "$1 '$REFSCOPE' '$tmp/play.yaml'"
	wait_for "step 0/4"
	keys j j
	wait_for "step 2/4"
}

# kept WHAT WHY: the last good run stays, under a banner saying WHY.
kept() {
	if ! wait_for "not reloaded"; then
		fail "$1: a banner says the file was not reloaded" "$(screen)"
		return
	fi
	s=$(screen)
	# (the banner may cover the top of the graph)
	if printf '%s\n' "$s" | grep -q 'step 2/4' &&
	    printf '%s\n' "$s" | grep -q '▶ b = a' &&
	    printf '%s\n' "$s" | grep -q 'int #'; then
		pass "$1: the last good run stays (step 2/4, its graph)"
	else
		fail "$1: the last good run stays (step 2/4, its graph)" "$s"
	fi
	if printf '%s\n' "$s" | grep -Fq -- "$2"; then
		pass "$1: the banner says why ($2)"
	else
		fail "$1: the banner says why ($2)" "$s"
	fi
}

# recovers WHAT: a good file again clears the banner and reloads.
recovers() {
	cp "$data/play.yaml" "$tmp/play.yaml.new"
	printf '  - do: e = 5\n' >>"$tmp/play.yaml.new"
	chmod 644 "$tmp/play.yaml.new"
	rm -rf "$tmp/play.yaml"
	mv "$tmp/play.yaml.new" "$tmp/play.yaml"
	keys r
	if wait_for "step 2/5" && wait_gone "not reloaded"; then
		pass "$1, then a good file: reloaded, no banner"
	else
		fail "$1, then a good file: reloaded, no banner" "$(screen)"
	fi
}

watch ""
rm "$tmp/play.yaml"
keys r
kept "deleted" "play.yaml"
recovers "deleted"

watch ""
: >"$tmp/play.yaml"
keys r
kept "truncated to nothing" "empty"
recovers "truncated"

watch ""
head -c 150 "$data/play.yaml" >"$tmp/play.yaml.cut"
cat "$tmp/play.yaml.cut" >"$tmp/play.yaml"
printf '  - do: x = [1, 2\n' >>"$tmp/play.yaml"
keys r
kept "half-written" "play.yaml:"
recovers "half-written"

watch ""
rm "$tmp/play.yaml"
mkdir "$tmp/play.yaml"
keys r
kept "replaced by a directory" "play.yaml"
recovers "replaced by a directory"

watch ""
printf '\000\001\002\377' >"$tmp/play.yaml"
keys r
kept "overwritten with binary junk" "play.yaml"
recovers "overwritten with binary junk"

# A FIFO or the terminal where the file was: the reload reads only regular
# files and never blocks (it used to wait on the FIFO for ever, deaf to q,
# or read the user's keys from the terminal as scenario text).
watch ""
rm "$tmp/play.yaml"
mkfifo "$tmp/play.yaml"
keys r
kept "replaced by a FIFO" "not a regular file"
recovers "replaced by a FIFO"

watch ""
rm "$tmp/play.yaml"
ln -s /dev/tty "$tmp/play.yaml"
keys r
kept "replaced by a link to the terminal" "not a regular file"
recovers "replaced by a link to the terminal"

# q, and a single SIGINT, quit at once with a FIFO in the file's place.
for how in q INT; do
	cp "$data/play.yaml" "$tmp/play.yaml"
	start "sh -i"
	typed 'echo READY_$((1+2))'
	wait_for READY_3
	typed "clear; sh '$tmp/wrap.sh' '$tmp/play.yaml'"
	if ! wait_for "step 0/4"; then
		fail "a FIFO in its place, then $how: the viewer starts" \
		    "$(screen)"
		continue
	fi
	rm "$tmp/play.yaml"
	mkfifo "$tmp/play.yaml"
	keys r
	wait_for "not reloaded"
	if [ "$how" = q ]; then
		keys q
		want=0
	else
		kill -INT "$(cat "$tmp/pid")"
		want=130
	fi
	if E2E_TIMEOUT=5 wait_for "STATUS_${want}_" && wait_alt 0; then
		pass "a FIFO in its place, then $how: quits at once (status $want)"
	else
		fail "a FIFO in its place, then $how: quits at once (status $want)" \
		    "$(screen)"
	fi
	rm -f "$tmp/play.yaml"
done

if $can_deny; then
	watch "$as_user"
	chmod 000 "$tmp/play.yaml"
	keys r
	kept "made unreadable" "Permission denied"
	recovers "made unreadable"
else
	echo "skip: an unreadable file (root without setpriv)"
fi

# A file that changes without r: the viewer notices by itself.
watch ""
: >"$tmp/play.yaml"
if wait_for "not reloaded"; then
	pass "a truncation is noticed without r"
else
	fail "a truncation is noticed without r" "$(screen)"
fi

# ==== 3. an unreadable file at the start ====

if $can_deny; then
	cp "$data/play.yaml" "$tmp/secret.yaml"
	chmod 000 "$tmp/secret.yaml"
	# shellcheck disable=SC2086 # as_user is words
	$as_user "$REFSCOPE" "$tmp/secret.yaml" </dev/null >"$tmp/out" \
	    2>"$tmp/err"
	rc=$?
	if [ $rc -eq 2 ] && grep -q "secret.yaml.*Permission denied" \
	    "$tmp/err" && [ ! -s "$tmp/out" ]; then
		pass "an unreadable file: status 2, a clear message, no screen"
	else
		fail "an unreadable file: status $rc; stderr: $(cat "$tmp/err")"
	fi
	# the same with a terminal: the message, and the terminal untouched
	start "sh -i"
	typed "clear; $as_user '$REFSCOPE' '$tmp/secret.yaml'; echo STATUS_\$?_"
	if wait_for "STATUS_2_" && screen | grep -q "Permission denied" &&
	    [ "$(pane '#{alternate_on}')" = 0 ]; then
		pass "an unreadable file on a terminal: the message, status 2"
	else
		fail "an unreadable file on a terminal: the message, status 2" \
		    "$(screen)"
	fi
else
	echo "skip: an unreadable file at the start (root without setpriv)"
fi

# ==== 4. a FIFO at the start ====

# check reads a FIFO once: the message quotes the line it read, rather
# than open the FIFO again to quote it and wait for a writer for ever.
for text in 'refscope: 1\ntitle: t\nsteps:\n  - do: x = zz\n' \
    'refscope: 1\ntitle: [t\nsteps:\n  - do: x = 1\n'; do
	rm -f "$tmp/fifo.yaml"
	mkfifo "$tmp/fifo.yaml"
	# shellcheck disable=SC2059 # the text is a format, for its \n
	(printf "$text" >"$tmp/fifo.yaml" &)
	timeout 10 "$REFSCOPE" check "$tmp/fifo.yaml" </dev/null \
	    >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ "$rc" -eq 2 ] && grep -q "fifo.yaml:[34]:[0-9]*: error: " \
	    "$tmp/err" && grep -Eq "^ +[34] \| " "$tmp/err"; then
		pass "a malformed scenario in a FIFO: located, quoted, status 2"
	else
		fail "a malformed scenario in a FIFO: located, quoted, status 2 (status $rc)" \
		    "$(cat "$tmp/err")"
	fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
