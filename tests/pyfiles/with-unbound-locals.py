"""with: a local first bound in the block may be unbound after it (3.14 checks it)"""
import sys


class R:
    def __enter__(self):
        return self

    def __exit__(self, t, v, tb):
        return True

    def __del__(self):
        print("del manager")


def branch(flag):
    if flag:
        x = [1]
    print(sys.getrefcount(x))
    print(sys.getrefcount(x))


def in_try():
    try:
        y = [2]
    except ValueError:
        pass
    print(y, sys.getrefcount(y))


def in_with():
    with R():
        z = [3]
        print(sys.getrefcount(z))
    # the handler could have swallowed an exception before z was bound:
    # 3.14 checks z's first load here and does not borrow it
    print(len(z), sys.getrefcount(z))


def before_with():
    w = [4]
    with R() as r:
        pass
    print(sys.getrefcount(w), sys.getrefcount(r))


def loop():
    for i in range(2):
        if i:
            print(sys.getrefcount(v))
        v = [5]


def deleted():
    d = [6]
    e = d
    del d
    d = e
    print(sys.getrefcount(d))


branch(True)
in_try()
in_with()
before_with()
loop()
deleted()
