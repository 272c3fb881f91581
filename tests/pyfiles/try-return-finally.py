"""return inside a try that has a finally block.

The finally block runs before the function returns, the value waiting on
the stack; a return from an except clause ends the clause first."""
import sys


class Handle:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("closed", self.name)


def read(name, fail):
    h = Handle(name)
    try:
        if fail:
            raise KeyError(name)
        return [name, 1]
    except KeyError as e:
        print("missing", e)
        return None
    finally:
        print("finally", sys.getrefcount(h))


def nested():
    try:
        try:
            return "inner"
        finally:
            print("inner finally")
    finally:
        print("outer finally")


def in_loop(items):
    for x in items:
        try:
            if x == 2:
                return x
        finally:
            print("after", x)
    return -1


r = read("a", False)
print(r)
print(read("b", True))
print(nested())
print(in_loop([1, 2, 3]))
print("end")
