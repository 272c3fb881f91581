"""Two weak references to one object are equal.

A weakref with a callback is a new object each time, but it compares
equal to any other live weakref to the same object, and it hashes as
its referent: that is what lets a WeakKeyDictionary find its entries
with the key's plain weakref.  A dead weakref is equal only to itself,
and keeps the hash it had: a set of weakrefs can still drop it."""
import weakref


class Node:
    pass


def gone(w):
    refs.discard(w)
    print("gone; refs left:", len(refs))


n = Node()
plain = weakref.ref(n)
other = weakref.ref(n, gone)
print(plain is other, plain == other, plain != other)
refs = {other}
print(plain in refs, weakref.ref(n) in refs, len({plain, other}))
m = Node()
print(weakref.ref(m) == plain, weakref.ref(m) in refs)
del n
print(plain == other, plain == plain, len(refs))
