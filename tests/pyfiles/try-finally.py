"""finally: blocks on the way in and on the way out.

A finally block runs when its try block ends, by its end or by an
exception; an exception that came to it is raised again at its end, and
the block holds it (twice) while it runs."""
import sys
class R:
    def __init__(self, n):
        self.n = n
    def __del__(self):
        print("del", self.n)
def use(fail):
    r = R(fail)
    try:
        if fail:
            raise ValueError("boom")
        print("worked")
    finally:
        print("cleanup", sys.getrefcount(r))
    print("after try")
use(0)
try:
    use(1)
except ValueError as e:
    print("caught", e)
try:
    x = 1
except KeyError:
    x = 2
else:
    x = 3
finally:
    x = 4
print(x)
try:
    try:
        raise KeyError("k")
    finally:
        print("inner finally")
except KeyError as e:
    print("outer", repr(e))
try:
    try:
        raise KeyError("k")
    finally:
        raise ValueError("v")
except ValueError as e:
    print(repr(e), repr(e.__context__))
print("end")
