"""The cascade

One count reaching zero frees a whole structure, part after part; a list
drops its items from the last to the first."""
# refscope: section "8. The cascade"


# A Node is an object that can carry attributes.
class Node:
    pass


# A list holding three new Node instances. Each node's only reference is
# its slot in the list, so each has a count of 1. Their labels, first,
# middle and last, stay on their boxes.
team = [Node(), Node(), Node()]
# label: team "team", team[0] "first", team[1] "middle", team[2] "last"
# expect: refcount(team) == 1
# expect: refcount(team[0]) == 1
# expect: refcount(team[2]) == 1

# The first node gets an attribute, data: a list holding two new empty
# lists, a and b. Now we have a small tree: team -> nodes -> data -> a
# and b, each part held once, by its parent.
team[0].data = [[], []]
# label: team[0].data "data", team[0].data[0] "a", team[0].data[1] "b"
# expect: refcount(team[0].data) == 1
# expect: refcount(team[0].data[1]) == 1

# keep is a second reference to the middle node: its count is 2.
keep = team[1]
# expect: keep is team[1]
# expect: refcount(keep) == 2
# pause

# One del, and a whole structure goes. The outer list's count hits 0;
# freeing it drops its items from the last to the first: the last node is
# freed, the middle one only drops to 1 (keep still holds it), and the
# first node is freed, taking data with it, and data its lists b and a.
# Six objects freed by one del.
del team
# ask: freed
# answer: 6
# expect: freed == 6
# expect: refcount(keep) == 1
# expect: alive(keep)
# pause

# The middle node's last reference goes, and it is freed too.
del keep
# expect: freed == 1

# Nested lists: an outer list, two inner lists, and a list inside the
# second one. Four lists, one name; every list has a count of 1. The ints
# are constants of this file's code, which keeps them as long as the
# program runs (lesson 2).
nest = [[1000], [2000, [3000]]]
# label: nest "outer", nest[0] "[1000]", nest[1] "[2000, [3000]]", nest[1][1] "[3000]"
# expect: refcount(nest[1][1]) == 1
# expect: refcount(nest[1]) == 1

# Deleting the one name frees all four lists, one after another: the
# outer list drops its last item first, [2000, [3000]], which drops its
# own last item first, so [3000] is freed before it lets go of 2000; then
# the outer list's first item, [1000]. The ints live on, held by the code.
del nest
# expect: freed == 4
# pause
