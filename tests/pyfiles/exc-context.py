"""Raising inside an except block: __context__.

An exception raised while another is being handled remembers it: the
new exception's __context__ is the one the except block caught.  Keeping
the new one keeps both."""
import sys

prices = {"tea": 3}
saved = None
try:
    try:
        cost = prices["cake"]
    except KeyError:
        raise ValueError("no price")
except ValueError as e:
    saved = e
print(saved.args)
print(type(saved.__context__).__name__, saved.__context__.args)
# the KeyError lives on as the ValueError's __context__
print(sys.getrefcount(saved.__context__))
print(saved.__cause__ is None)
saved = None
print("both gone")
