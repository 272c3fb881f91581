"""with: two managers on one line, each __exit__ seeing what the other did"""
import sys


class Res:
    def __init__(self, name, swallow=False, fail=False):
        self.name = name
        self.swallow = swallow
        self.fail = fail

    def __enter__(self):
        return self

    def __exit__(self, t, v, tb):
        print("exit", self.name, t, v)
        if self.fail:
            raise KeyError(self.name)
        return self.swallow

    def __del__(self):
        print("del", self.name)


def plain_exit_fails():
    # b's __exit__ raises on the way out: a's __exit__ gets its KeyError
    with Res("a", swallow=True) as a, Res("b", fail=True) as b:
        print("body", sys.getrefcount(a), sys.getrefcount(b))
    print("after", sys.getrefcount(a))


def exit_replaces():
    # the block's IndexError reaches b, whose __exit__ raises a KeyError
    with Res("c", swallow=True), Res("d", fail=True):
        raise IndexError("from the block")
    print("after exit_replaces")


def passes_on():
    # neither swallows: the block's error goes through both
    with Res("e"), Res("f"):
        raise IndexError("through")


plain_exit_fails()
exit_replaces()
try:
    passes_on()
except IndexError as e:
    print("caught", e)
print("end")
