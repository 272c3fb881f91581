"""with: __enter__'s result bound by `as`, __exit__ called at the block's end"""
import sys


class Res:
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        print("enter", self.name, sys.getrefcount(self))
        return self

    def __exit__(self, t, v, tb):
        print("exit", self.name, t, sys.getrefcount(self))
        return False

    def __del__(self):
        print("del", self.name)


with Res("a") as r:
    # the bound __exit__ on the stack holds the manager too
    print("body", sys.getrefcount(r))
print("after", sys.getrefcount(r))
del r
# without `as`, only the stack holds the manager: it dies with __exit__
with Res("b"):
    print("body b")


# a class body runs a with too: the `as` name becomes a class attribute
class Config:
    with Res("c") as res:
        label = res.name


print(Config.label, sys.getrefcount(Config.res))
print("end")
