"""A KeyError holds the key that was missing.

d[k] raises KeyError(k): the key object itself is the exception's
argument.  While the exception is kept, the key has one more reference."""
import sys

stock = {"apple": 4}
wanted = ["pear"]
key = wanted[0]
print(sys.getrefcount(key))
saved = None
try:
    print(stock[key])
except KeyError as e:
    saved = e
print(saved.args[0] is key)
print(sys.getrefcount(key))
saved = None
print(sys.getrefcount(key))
