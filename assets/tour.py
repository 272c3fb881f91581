# The built-in tour: `refscope` with no argument opens it.  It is an
# ordinary .py scenario, checked by `refscope check` and by the
# differential test against CPython like the course.  (Comments above
# the docstring are no line's narration.)
"""A tour of refscope

Two minutes: the keys, names and objects, counts, a free, a cycle and its
collector."""
# refscope: section "0. The tour"

# Welcome. refscope shows what CPython does with memory, one small event
# at a time. Press space to play; playing stops at each pause. Right/left
# arrows (l/h) move one event, down/up (j/k) one line.
pass
# pause

# A tour is a Python program: refscope runs it line by line, and its
# comments are what you are reading. gc is the module of CPython's cycle
# collector; we need it at the end.
import gc

# x = [] makes a list object (a box, labelled "the list" here) and
# binds the name x to it (an arrow). The number in the box's top right
# corner is its reference count: how many references point at it. Here, 1.
x = []
# expect: refcount(x) == 1
# label: x "the list"
# pause

# y = x copies nothing: a second name points at the same object, and its
# count goes from 1 to 2. Press Tab (or click a box) to ask who refers to
# it; Esc clears the selection.
y = x
# expect: y is x
# expect: refcount(x) == 2
# pause

# A list's slots are references too: each is an arrow from [0] or [1] to
# the same list, whose count is now 4.
pair = [x, x]
# expect: refcount(x) == 4
# expect: pair[0] is x
# label: pair "the pair"

# del removes names, not objects. The list loses two references but lives
# on in the pair, with a count of 2.
del x, y
# expect: refcount(pair[0]) == 2
# pause

# The pair's last reference goes: its count reaches 0 and CPython frees it
# at once. Freeing the pair drops its items, so the list reaches 0 too.
# That chain is the cascade.
del pair
# expect: freed == 2
# pause

# Now a list, the ring, that will hold itself.
ring = []
# label: ring "the ring"

# The list's slot [0] points back at the list: its count is 2, one from
# the name and one from itself.
ring.append(ring)
# expect: refcount(ring) == 2

# No name reaches the ring any more, yet its count is still 1: its own
# slot. Reference counting never frees a cycle; only the collector can
# find that nothing reaches it.
del ring
# expect: freed == 0
# pause

# CPython's cycle collector finds objects that only refer to each other
# and frees them. Step through it with l to watch each phase; press g at
# any moment to run a collection yourself.
gc.collect()
# expect: collected == 1
# pause

# That is the whole idea: names point at objects, counts say how many
# references each has, zero frees, cycles need the collector. Press ? for
# every key and q to quit, then run `refscope list` for the course and
# `refscope 01-names` to begin it.
pass
