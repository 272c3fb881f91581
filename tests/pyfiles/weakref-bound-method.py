"""A weak reference to a bound method dies at once.

o.update makes a new bound method object each time it is read; nothing
else holds it, so a weakref to it is dead by the end of the line.  The
observer that registers `weakref.ref(self.update)` is never called."""
import weakref


class Observer:
    def update(self):
        print("updated")


o = Observer()
m = o.update
r = weakref.ref(m)
print(r() is m)
r2 = weakref.ref(o.update)
print(r2())
del m
print(r())
