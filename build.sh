#!/usr/bin/env bash
# build.sh: install what is missing, configure and build refscope in place,
# install the test oracles (tests/oracle/setup.sh), then show what it does.
# Run from the repository root, as root, on Debian 12.  --no-run: build
# only (test.sh uses it).
set -euo pipefail

run_demo=1
if [ "${1:-}" = --no-run ]; then
	run_demo=0
fi

cd "$(dirname "$0")"

packages=(autoconf automake pkg-config make gcc libncurses-dev libcyaml-dev
	libyaml-dev check python3 python3-yaml tmux graphviz asciinema valgrind
	groff-base clang libclang-rt-dev time nodejs)

# Installs the packages dpkg does not list as installed; updates the package
# lists only when there is something to install.
install_missing() {
	local missing=() p
	for p in "${packages[@]}"; do
		if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
		    grep -q '^install ok installed$'; then
			missing+=("$p")
		fi
	done
	# npm comes with some builds of nodejs; Debian's is a package of its own
	if ! command -v npm >/dev/null 2>&1; then
		missing+=(npm)
	fi
	if [ "${#missing[@]}" -eq 0 ]; then
		return 0
	fi
	echo "build.sh: installing ${missing[*]}"
	local sudo=()
	if [ "$(id -u)" -ne 0 ]; then
		sudo=(sudo)
	fi
	"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
	"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# True when configure must be (re)generated.
needs_autoreconf() {
	local f
	[ -x configure ] || return 0
	for f in configure.ac Makefile.am src/*/local.mk; do
		[ -e "$f" ] || continue
		if [ "$f" -nt configure ]; then
			return 0
		fi
	done
	return 1
}

install_missing

if needs_autoreconf; then
	autoreconf -fi
fi
if [ ! -f Makefile ] || [ ! -f config.status ] || [ configure -nt config.status ]; then
	./configure
fi
make -j2
# the real CPython 3.12, 3.13 and 3.14 the differential tests compare with
tests/oracle/setup.sh

if [ "$run_demo" -eq 0 ]; then
	exit 0
elif [ -f scenarios/01-names.yaml ]; then
	./refscope dump scenarios/01-names.yaml
else
	echo
	echo "Built ./refscope.  Try: ./refscope --version, ./refscope --help"
	echo "(scenarios/01-names.yaml is not shipped yet)"
fi
