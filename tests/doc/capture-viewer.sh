#!/bin/sh
# capture-viewer.sh: the README's picture of the viewer, taken again.
#
#   tests/doc/capture-viewer.sh            print the picture
#   tests/doc/capture-viewer.sh --update   put it in README.md, between the
#                                          two "viewer picture" comments
#
# Opens scenarios/10-ring-survives.py in a 100x30 tmux pane, steps to the
# last step and 15 events into it -- the middle of the collection,
# where the boxes show the collector's gc_refs -- and captures the pane.
# Not a test: the picture changes whenever the viewer does, and a person
# should look at it before it goes in.  Run from the source tree, after
# building.
set -eu
cd "$(dirname "$0")/../.."
socket=refscope-capture-$$
width=100
height=30

tmux -L "$socket" -f /dev/null new-session -d -s t -x "$width" -y "$height" \
    './refscope scenarios/10-ring-survives.py'
trap 'tmux -L "$socket" kill-server 2>/dev/null || true' EXIT

# The pane, once it has stayed the same for half a second -- an event
# animates for up to one (at most 8 s in all).
settled() {
	previous=
	same=0
	for _ in $(seq 80); do
		sleep 0.1
		now=$(tmux -L "$socket" capture-pane -p -t t)
		if [ -n "$now" ] && [ "$now" = "$previous" ]; then
			same=$((same + 1))
		else
			same=0
		fi
		if [ $same -ge 5 ]; then
			printf '%s\n' "$now"
			return 0
		fi
		previous=$now
	done
	echo "capture-viewer.sh: the viewer did not settle" >&2
	return 1
}

settled >/dev/null
# step by step to the collection, as a class would, so that the boxes stand
# where the steps before put them
for _ in $(seq 10); do
	tmux -L "$socket" send-keys -t t j
done
for _ in $(seq 15); do
	tmux -L "$socket" send-keys -t t l
done
# trailing blanks off, as an editor would save them
picture=$(settled | sed 's/[[:space:]]*$//')

if [ "${1:-}" != --update ]; then
	printf '%s\n' "$picture"
	exit 0
fi
begin='<!-- viewer picture: begin (tests/doc/capture-viewer.sh --update) -->'
end='<!-- viewer picture: end -->'
grep -qF "$begin" README.md && grep -qF "$end" README.md || {
	echo "capture-viewer.sh: README.md lacks the viewer picture comments" >&2
	exit 1
}
printf '%s\n' "$picture" >README.md.picture
awk -v begin="$begin" -v end="$end" '
	$0 == begin { print; print "```text";
		while ((getline line < "README.md.picture") > 0) print line;
		print "```"; skip = 1; next }
	$0 == end { skip = 0 }
	!skip { print }' README.md >README.md.new
mv README.md.new README.md
rm -f README.md.picture
echo "capture-viewer.sh: README.md updated; look at it before committing"
