#!/bin/sh
# run-install.sh: `make install` puts the program, the course, the starter
# scenario, the man page and the documentation where they belong, and the
# installed program finds its files there, run from any directory, and
# never in the source tree it was built from; `make uninstall` takes it all
# away again.
#
#   run-install.sh                   (make check) installs the build tree
#                                    into a temporary prefix and checks it
#   run-install.sh --installed BIN   (make installcheck) checks the program
#                                    installed as BIN, without changing it
#
# Environment: abs_top_srcdir, abs_top_builddir (set by the test harness),
# MAKE (default make).
srcdir=${abs_top_srcdir:-${srcdir:-.}}
builddir=${abs_top_builddir:-.}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/refscope-install.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM
. "$(dirname "$0")/../lib.sh"

# The shipped scenarios' names, one a line, sorted.
shipped_names() {
	for f in "$srcdir"/scenarios/*.py; do
		f=$(basename "$f")
		echo "${f%.*}"
	done | LC_ALL=C sort
}

# Checks what any installed refscope must do, run from an unrelated folder.
check_installed() {
	bin=$1
	mkdir -p "$tmp/elsewhere"
	cd "$tmp/elsewhere" || exit 99

	"$bin" --version >"$tmp/out" 2>&1
	check $? "installed --version runs"
	"$bin" list >"$tmp/list" 2>&1
	check $? "installed list finds the course"
	shipped_names >"$tmp/shipped"
	ok=0
	while read -r name; do
		grep -q -- " $name " "$tmp/list" || {
			echo "  not listed: $name"; ok=1; }
	done <"$tmp/shipped"
	[ "$(wc -l <"$tmp/list")" -eq "$(wc -l <"$tmp/shipped")" ] || ok=1
	check $ok "installed list shows every shipped scenario, one a line"
	first=$(head -n 1 "$tmp/shipped")
	"$bin" check "$first" >"$tmp/out" 2>&1
	check $? "installed check $first (by NAME) passes"
	"$bin" new starter.yaml >"$tmp/out" 2>&1 &&
	    "$bin" check starter.yaml >"$tmp/out" 2>&1
	check $? "installed new writes a starter that passes check"
	cd "$tmp" || exit 99
}

if [ "${1:-}" = --installed ]; then
	[ -x "${2:-}" ] || { echo "run-install.sh: no program at ${2:-}"; exit 99; }
	check_installed "$2"
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit
fi

# Install the build tree under a prefix of our own.  The program finds its
# data beside itself (PREFIX/share/refscope for PREFIX/bin), so a copy
# installed with another prefix than configure's works too.  MAKEFLAGS is
# the test harness's, not ours: a second make must not join its job server.
prefix=$tmp/usr
(cd "$builddir" && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL \
    "${MAKE:-make}" install prefix="$prefix") >"$tmp/install.log" 2>&1
status=$?
check $status "make install prefix=TMP"
if [ "$status" -ne 0 ]; then
	sed 's/^/  /' "$tmp/install.log"
	echo "$passed passed, $failed failed"
	exit 1
fi
bin=$prefix/bin/refscope
data=$prefix/share/refscope

[ -x "$bin" ]
check $? "the program is installed in PREFIX/bin"
missing=0
for f in "$srcdir"/scenarios/*.py; do
	cmp -s "$f" "$data/scenarios/$(basename "$f")" || {
		echo "  not installed: $(basename "$f")"; missing=1; }
done
check $missing "every shipped scenario is in PREFIX/share/refscope/scenarios"
cmp -s "$srcdir/assets/starter.yaml" "$data/starter.yaml"
check $? "the starter scenario is in PREFIX/share/refscope"
cmp -s "$srcdir/assets/tour.py" "$data/tour.py"
check $? "the tour is in PREFIX/share/refscope"
cmp -s "$srcdir/assets/refscope.1" "$prefix/share/man/man1/refscope.1"
check $? "the man page is in PREFIX/share/man/man1"
cmp -s "$srcdir/assets/FORMAT.md" "$prefix/share/doc/refscope/FORMAT.md" &&
    cmp -s "$srcdir/README.md" "$prefix/share/doc/refscope/README.md"
check $? "README.md and FORMAT.md are in PREFIX/share/doc/refscope"

check_installed "$bin"

# Now make the installed data differ from the source tree, to see which
# one the program reads.
cd "$tmp/elsewhere" || exit 99
cat >"$data/scenarios/zz-installed-only.yaml" <<'EOF'
refscope: 1
title: Only in the installed folder
steps:
  - do: x = 1000
    expect:
      - refcount(x) == 1
EOF
"$bin" list >"$tmp/list" 2>&1 && grep -q ' zz-installed-only ' "$tmp/list"
check $? "list reads PREFIX/share/refscope/scenarios"
"$bin" check zz-installed-only >"$tmp/out" 2>&1
check $? "check NAME finds a scenario in PREFIX/share/refscope/scenarios"
gone=$(head -n 1 "$tmp/shipped")
rm -f "$data/scenarios/$gone.yaml" "$data/scenarios/$gone.py"
"$bin" check "$gone" >"$tmp/out" 2>&1
[ $? -eq 2 ]
check $? "an installed program never reads the source tree's scenarios"
echo "# the installed starter" >>"$data/starter.yaml"
"$bin" new mine.yaml >"$tmp/out" 2>&1 &&
    grep -q '^# the installed starter$' mine.yaml
check $? "new copies PREFIX/share/refscope/starter.yaml"
rm -f "$data/scenarios/zz-installed-only.yaml"
cd "$tmp" || exit 99

(cd "$builddir" && env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL \
    "${MAKE:-make}" uninstall prefix="$prefix") >"$tmp/uninstall.log" 2>&1
check $? "make uninstall prefix=TMP"
left=$(find "$prefix" -type f | head -n 5)
[ -z "$left" ]
check $? "make uninstall leaves no file behind${left:+: $left}"

finish
