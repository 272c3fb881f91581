"""A cache that does not keep its objects alive.

A plain dict used as a cache holds its values: nothing in it ever dies.
A dict of weakrefs holds none of them: an entry goes dead as soon as
the last real owner lets its object go, and its callback can remove
the entry."""
import weakref


class Image:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


cache = {}


def forget(w):
    for key in list(cache):
        if cache[key] is w:
            del cache[key]
            print("forgot", key)


def load(name):
    if name in cache:
        image = cache[name]()
        if image is not None:
            return image
    image = Image(name)
    cache[name] = weakref.ref(image, forget)
    return image


cat = load("cat")
again = load("cat")
print(again is cat, len(cache))
del again
dog = load("dog")
del cat
print(sorted(cache))
dog = None
print(cache)
