# tests/e2e/tmux.sh: what the viewer's tmux tests share; sourced, not run,
# after setting `suite` (a word for the temporary names):
#   suite=e2e; . "$(dirname "$0")/tmux.sh"
#
# Environment: REFSCOPE (default $abs_top_builddir/refscope), abs_top_srcdir
# and abs_top_builddir (set by the test harness; default the repository
# root), E2E_TIMEOUT (seconds to wait for a screen, default 20).  Exits 77
# (skip) without tmux, 99 without refscope.

top=$(cd "$(dirname "$0")/../.." && pwd)
abs_top_srcdir=${abs_top_srcdir:-$top}
abs_top_builddir=${abs_top_builddir:-$top}
REFSCOPE=${REFSCOPE:-$abs_top_builddir/refscope}
E2E_TIMEOUT=${E2E_TIMEOUT:-20}
data=$abs_top_srcdir/tests/e2e/data
me=${0##*/}

if ! command -v tmux >/dev/null 2>&1; then
	echo "$me: tmux is not installed; skipped"
	exit 77
fi
if [ ! -x "$REFSCOPE" ]; then
	echo "$me: no refscope program at $REFSCOPE (set REFSCOPE)"
	exit 99
fi

# The viewer draws box-drawing characters in a UTF-8 locale; the tests
# read them back, so pin one.
LC_ALL=C.UTF-8
export LC_ALL
unset LINES COLUMNS NO_COLOR ENV
PS1='$ '
export PS1

tmp=$(mktemp -d "${TMPDIR:-/tmp}/refscope-$suite.XXXXXX") || exit 99
# A server of its own per start: a new session on a server still shutting
# down fails ("server exited unexpectedly").
servers=0
sock=refscope-$suite-$$-0
tm() {
	tmux -L "$sock" -f /dev/null "$@"
}
stop_servers() {
	n=0
	while [ $n -le $servers ]; do
		tmux -L "refscope-$suite-$$-$n" -f /dev/null kill-server \
		    >/dev/null 2>&1
		n=$((n + 1))
	done
}
trap 'stop_servers; rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

passed=0
failed=0
pass() {
	passed=$((passed + 1))
	echo "ok: $1"
}
# fail WHAT [SCREEN]
fail() {
	failed=$((failed + 1))
	echo "FAIL: $1"
	if [ -n "${2:-}" ]; then
		echo "--- the screen:"
		printf '%s\n' "$2"
		echo "---"
	fi
}

# start CMD [COLSxROWS]: a fresh server with one window running CMD, 100x30
# unless a size is given.
start() {
	local size=${2:-100x30}

	tm kill-server >/dev/null 2>&1
	servers=$((servers + 1))
	sock=refscope-$suite-$$-$servers
	tm new-session -d -s t -x "${size%x*}" -y "${size#*x}" "$1"
}

screen() {
	tm capture-pane -p -t t 2>/dev/null
}

# pane FORMAT: a tmux format of the pane (#{alternate_on}, ...).
pane() {
	tm display -p -t t "$1" 2>/dev/null
}

# wait_until COMMAND...: polls until COMMAND succeeds; false after
# E2E_TIMEOUT seconds.
wait_until() {
	i=0
	while [ $i -lt $((E2E_TIMEOUT * 10)) ]; do
		"$@" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

on_screen() {
	screen | grep -F -q -- "$1"
}

not_on_screen() {
	! on_screen "$1"
}

alternate_is() {
	[ "$(pane '#{alternate_on}')" = "$1" ]
}

# wait_for TEXT, wait_gone TEXT: until TEXT (a fixed string) is on the
# screen, or no longer is.  wait_alt N: until the alternate screen flag
# is N.
wait_for() {
	wait_until on_screen "$1"
}
wait_gone() {
	wait_until not_on_screen "$1"
}
wait_alt() {
	wait_until alternate_is "$1"
}

# check WHAT TEXT: waits for TEXT, passes or fails WHAT.
check() {
	if wait_for "$2"; then
		pass "$1"
	else
		fail "$1 (no \"$2\")" "$(screen)"
	fi
}

keys() {
	tm send-keys -t t "$@"
}

# typed TEXT: types TEXT literally into the pane's shell and presses Enter.
typed() {
	tm send-keys -t t -l "$1"
	tm send-keys -t t Enter
}

# settled: the screen once it has stopped changing.
settled() {
	# an event animates for up to a second: wait until the screen has
	# stayed the same for half a second
	prev=$(screen)
	i=0
	same=0
	while [ $i -lt 80 ] && [ $same -lt 5 ]; do
		sleep 0.1
		cur=$(screen)
		if [ "$cur" = "$prev" ]; then
			same=$((same + 1))
		else
			same=0
		fi
		prev=$cur
		i=$((i + 1))
	done
	printf '%s\n' "$cur"
}
