"""An exception class with a class attribute and a method of its own.

e.attempts reads the class's attribute; e.describe() calls the method
with the exception as self (no bound method); m = e.describe makes one,
which holds the exception."""
import sys


class Retry(RuntimeError):
    attempts = 3

    def describe(self):
        return "retry %s of %s" % (self.args[0], self.attempts)


e = Retry(2)
print(e.attempts, e.__class__ is Retry, sys.getrefcount(e))
print(e.describe())
m = e.describe
print(m(), sys.getrefcount(e))
del m
print(sys.getrefcount(e))
try:
    raise e
except Retry as caught:
    print(caught is e, caught.describe())
