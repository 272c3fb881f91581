"""with: an exception raised inside __exit__ replaces the block's"""
import sys


class Faulty:
    def __enter__(self):
        return self

    def __exit__(self, t, v, tb):
        print("exit sees", t)
        raise RuntimeError("from __exit__")

    def __del__(self):
        print("del faulty")


try:
    with Faulty():
        raise ValueError("from the block")
except RuntimeError as e:
    print("caught", e, type(e.__context__))
try:
    with Faulty() as f:
        print("no error here", sys.getrefcount(f))
except RuntimeError as e:
    print("caught", e, e.__context__)
del f
print("end")
