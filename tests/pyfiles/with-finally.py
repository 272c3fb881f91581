"""with and try/finally together: who runs first when the block is left"""
import sys


class Res:
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        print("enter", self.name)
        return self

    def __exit__(self, t, v, tb):
        print("exit", self.name, t)
        return False

    def __del__(self):
        print("del", self.name)


def through_both():
    try:
        with Res("r1") as r:
            return sys.getrefcount(r)
    finally:
        print("finally runs after __exit__")


def finally_inside():
    with Res("r2"):
        try:
            return "from try"
        finally:
            print("finally runs before __exit__")


def handled_inside():
    with Res("r3") as r:
        try:
            raise KeyError("k")
        except KeyError as e:
            print("handled", repr(e), sys.getrefcount(r))
    print("after", sys.getrefcount(r))


print(through_both())
print(finally_inside())
handled_inside()
for i in range(3):
    try:
        with Res("loop"):
            if i == 1:
                break
    finally:
        print("finally", i)
print("end")
