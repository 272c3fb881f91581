"""with: a return, a break and a continue leave the block through __exit__"""
import sys


class Res:
    def __init__(self, n):
        self.n = n

    def __enter__(self):
        return self

    def __exit__(self, t, v, tb):
        print("exit", self.n, sys.getrefcount(self))

    def __del__(self):
        print("del", self.n)


def first(n):
    with Res(n) as r:
        return r.n * 10


print(first(1))
for i in range(3):
    with Res(i + 2):
        if i == 0:
            continue
        if i == 2:
            break
        print("loop", i)
print("end")
