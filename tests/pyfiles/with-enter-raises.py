"""with: an __enter__ that raises: the managers already entered are exited"""
import sys


class Res:
    def __init__(self, name, fail=False):
        self.name = name
        self.fail = fail

    def __enter__(self):
        if self.fail:
            raise ValueError(self.name)
        return self

    def __exit__(self, t, v, tb):
        print("exit", self.name, t)
        return self.name == "swallow"

    def __del__(self):
        print("del", self.name)


def boom():
    raise KeyError("deep")


def f():
    with Res("swallow") as a, Res("b", True) as b:
        print("never")
    print("after f", sys.getrefcount(a))


f()
with Res("outer"):
    try:
        boom()
    except KeyError:
        with Res("in-except") as x:
            print("in except", sys.getrefcount(x))
try:
    with Res("c"), Res("d", True):
        pass
except ValueError as e:
    print("caught", e)
print("end")
