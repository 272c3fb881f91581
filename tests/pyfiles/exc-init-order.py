"""When an exception's own __init__ drops its first args.

Oops(Tag("a"), Tag("b")) makes the exception holding the call's tuple;
__init__ replaces it with a tuple of one Tag, but the first tuple is
still the call's, so Tag b lives until the call returns -- then it
dies, before the exception is even raised.  The exception's death
drops its __dict__ (the detail) before its args (Tag a)."""


class Tag:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("freed", self.name)


class Oops(Exception):
    def __init__(self, first, second):
        super().__init__(first)
        self.detail = Tag("detail")
        print("init done")


def fail():
    raise Oops(Tag("a"), Tag("b"))


try:
    fail()
except Oops as e:
    print("caught", e.args[0].name)
print("after")
