"""The mutable default value.

A default is evaluated once, when the def line runs: the function holds
it, and every call without the argument shares the same list."""
def add(item, bucket=[]):
    bucket.append(item)
    return bucket
a = add(1000)
b = add(2000)
# The two calls filled the one list the function holds.
# expect: a is b
# expect: refcount(a) == 3
c = add(3, [])
def scale(x, k=1000, t=(1, 2)):
    return [x, k, t]
s = scale(5)
u = scale(5, 6)
print(a, c, s, u)
del add
# expect: refcount(a) == 2
