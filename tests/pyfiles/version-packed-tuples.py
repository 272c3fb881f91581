"""Tuples made from an array that hold no container: 3.14 leaves them
untracked from their birth (enumerate's and a dict item iterator's
result, a code object's co_consts, the pairs of list(d.items())), where
zip's result, filled item by item, stays tracked."""
import gc
e = enumerate([1000, 2000])
d = {"x": 1000, "y": 2000}
it = iter(d.items())
z = zip([1000], [2000])
def f(a=None):
    return a
pairs = list(d.items())
print(next(e), next(it), next(z), f(), pairs)
print(gc.collect())
print(sorted(d.items()), pairs)
