"""In what order finalizers, __del__ and weakref callbacks run.

An object's __del__ runs first; then its weak references are cleared and
their callbacks called, the newest first -- a finalizer is one of them.
A list that dies takes its items with it, the last item first."""
import weakref


class Item:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("del", self.n)


def callback(w):
    print("weakref callback")


def finalizer(n):
    print("finalize", n)


x = Item(0)
w = weakref.ref(x, callback)
f1 = weakref.finalize(x, finalizer, "first")
f2 = weakref.finalize(x, finalizer, "second")
del x
items = [Item(1), Item(2), Item(3)]
fs = [weakref.finalize(i, finalizer, i.n) for i in items]
print(len(fs), fs[0].alive)
del items
print([f.alive for f in fs])
