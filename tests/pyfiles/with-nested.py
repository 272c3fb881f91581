"""with: nested managers, and several in one `with`, exit last first"""
import sys


class Res:
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        print("enter", self.name)
        return self

    def __exit__(self, t, v, tb):
        print("exit", self.name, sys.getrefcount(self))
        return self.name == "outer"

    def __del__(self):
        print("del", self.name)


with Res("outer") as o:
    with Res("inner") as i:
        print("body", sys.getrefcount(o), sys.getrefcount(i))
        raise ValueError("to outer")
print("after nested")
with Res("a") as a, Res("b") as b:
    print("both", sys.getrefcount(a), sys.getrefcount(b))
del a, b, o, i
print("end")
