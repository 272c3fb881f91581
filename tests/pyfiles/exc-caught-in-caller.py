"""A function catches what the function it called raised.

fetch() fails; lookup() catches it and returns a default.  fetch()'s
frame and its locals survive fetch() itself, kept by the exception, and
die when lookup()'s except block ends: __del__ shows when."""


class Token:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


def fetch(table, key):
    token = Token(key)
    return table[key]


def lookup(table, key):
    try:
        value = fetch(table, key)
    except KeyError as e:
        print("missing", e.args)
        value = 0
    print("lookup returns")
    return value


table = {"a": 1}
print(lookup(table, "a"))
print(lookup(table, "b"))
