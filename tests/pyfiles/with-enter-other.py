"""with: __enter__ may return another object; the manager dies, it lives on"""
import sys


class Conn:
    def __del__(self):
        print("del conn")


class Opener:
    def __init__(self):
        self.conn = Conn()

    def __enter__(self):
        print("enter", sys.getrefcount(self), sys.getrefcount(self.conn))
        return self.conn

    def __exit__(self, t, v, tb):
        print("exit", sys.getrefcount(self))
        self.conn = None
        return True

    def __del__(self):
        print("del opener")


def use():
    with Opener() as c:
        # c is the connection, not the manager
        print("body", sys.getrefcount(c))
        raise ValueError("swallowed")
    print("after", sys.getrefcount(c))
    return c


kept = use()
print("kept", sys.getrefcount(kept))
del kept
print("end")
