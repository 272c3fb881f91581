"""with: an exception in the block goes to __exit__, which may swallow it"""
import sys


class Guard:
    def __init__(self, swallow):
        self.swallow = swallow

    def __enter__(self):
        return self

    def __exit__(self, t, v, tb):
        print("exit", t, v, sys.getrefcount(self), sys.getrefcount(v))
        return self.swallow

    def __del__(self):
        print("del guard", self.swallow)


with Guard(True) as g:
    print("inside")
    raise ValueError("swallowed")
print("after the swallowed one", sys.getrefcount(g))
del g
try:
    with Guard(False):
        raise KeyError("raised again")
except KeyError as e:
    print("caught", repr(e))
print("end")
