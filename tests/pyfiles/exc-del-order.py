"""What dies, and in which order, when an exception goes.

build() fails with three objects in its locals.  At the end of the except
block the name e goes: the exception dies, then its traceback, then the
finished frame of build(), which drops its function, then its locals one
by one, in the order of their slots (parameters first; from 3.14, from
the last slot to the first)."""


class Part:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


def build(first):
    second = Part("second")
    third = Part("third")
    raise RuntimeError("build failed")


try:
    build(Part("first"))
except RuntimeError as e:
    print("caught", e.args)
    print("the block ends")
print("after the block")
