"""The collector and the iterators' result tuples.

A collection untracks a tuple that holds only untracked objects; an
iterator that fills its result tuple again tracks it again."""
import gc
e = enumerate([1000, 2000, 3000])
z = zip("ab", "cd")
d = {"k": 5000}
di = iter(d.items())
gc.collect()
first = next(e)
pair = next(z)
kv = next(di)
print(first, pair, kv)
gc.collect()
del first, pair, kv
again = next(e)
print(again, next(z))
print(gc.collect())
views = [d.keys(), d.values()]
views.append(views)
del views
print(gc.collect())
