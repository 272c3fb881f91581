"""A cache that lets its objects go: dict vs WeakValueDictionary.

A plain dict used as a cache keeps every value alive.  A
WeakValueDictionary keeps none: an entry lasts as long as someone else
holds its value -- here even a value in a cycle, which only the
collector frees.  Deleting the cache itself frees its KeyedRefs; the
values do not notice."""
import gc
import weakref


class Image:
    def __init__(self, name):
        self.name = name
        self.me = self

    def __repr__(self):
        return "Image(" + self.name + ")"


gc.collect()
strong = {}
weak = weakref.WeakValueDictionary()
cat = Image("cat")
strong["cat"] = cat
weak["cat"] = cat
weak["dog"] = Image("dog")
print(len(strong), len(weak), "dog" in weak, weak.get("dog"))
# The dog is in a cycle of its own: only the collector frees it.
print(gc.collect(), len(weak), "dog" in weak)
del cat
print(len(strong), len(weak), weak.get("cat"))
strong.clear()
print(len(weak), gc.collect(), len(weak))
keep = Image("keep")
weak["keep"] = keep
other = weakref.WeakValueDictionary()
other["keep"] = keep
print(weakref.getweakrefcount(keep))
del weak
print(weakref.getweakrefcount(keep), len(other))
del keep
print(gc.collect(), len(other))
