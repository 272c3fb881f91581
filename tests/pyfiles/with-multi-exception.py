"""with: two managers on one line, an exception passing through both"""
import sys


class Res:
    def __init__(self, name, swallow):
        self.name = name
        self.swallow = swallow

    def __enter__(self):
        return self

    def __exit__(self, t, v, tb):
        print("exit", self.name, t, sys.getrefcount(self))
        return self.swallow

    def __del__(self):
        print("del", self.name)


def run(swallow_outer):
    with Res("a", swallow_outer) as a, Res("b", False) as b:
        print("body", sys.getrefcount(a), sys.getrefcount(b))
        raise ValueError("through both")
    print("after")


run(True)
try:
    run(False)
except ValueError as e:
    print("caught", e)
print("end")
