"""The kinds of holder gc.get_referrers finds.

Containers, instances, closures' cells, bound methods, a function's
default values, a dict holding the object as a key, a finished frame
kept by a traceback.  A running function's locals are not in the answer:
a frame that is running is not one of the collector's objects."""
import gc


class Box:
    def show(self):
        return self


def kinds(x):
    return [type(r).__name__ for r in gc.get_referrers(x)]


def make_counter():
    seen = []

    def count():
        seen.append(1)
        return len(seen)

    return count, seen


def local_only():
    mine = []
    other = [mine]
    return len(gc.get_referrers(mine)), gc.get_referrers(mine)[0] is other


def keep(value=Box()):
    return value


counter, log = make_counter()
print(kinds(log))
box = Box()
shown = box.show
print(kinds(box))
print(local_only())
print(kinds(keep()))
table = {box: "a key"}
print(kinds(box))


def fails(data):
    raise ValueError("kept")


try:
    fails(log)
except ValueError as e:
    caught = e
print(kinds(log))
del caught
print(kinds(log))
