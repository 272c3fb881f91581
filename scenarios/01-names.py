"""Names point at objects

x = [] makes a list and binds a name; y = x binds a second name to the
same list."""
# refscope: section "1. Names, not variables"

# Python has no variables in the C sense: it has names and objects, and a
# name is a label that points at an object. Here Python builds a new, empty
# list and binds the name x to it: the list's reference count is 1.
x = []
# expect: refcount(x) == 1
# pause

# No copy is made. The name y is bound to the very same list, so it now
# has two references: x and y.
y = x
# ask: refcount(x)
# answer: 2
# expect: y is x
# expect: refcount(x) == 2
# pause

# Rebinding x points it at another new list. The first list loses one
# reference; y still holds it, so it stays alive. Two lists now, equal
# but not the same object.
x = []
# expect: y is not x
# expect: refcount(y) == 1
print(x == y, x is y)

# del removes the name y. That was the last reference to the first list,
# so its count drops to 0 and CPython frees it at once.
del y
# expect: freed == 1
# expect: heap == 1
