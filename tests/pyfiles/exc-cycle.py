"""A cycle through a traceback: only the collector frees it.

check() keeps the exception it caught in a local, err.  The exception
holds its traceback, the traceback holds check()'s frame, and the frame
holds its local err: a cycle.  When check() returns, nothing outside
refers to it, and only gc.collect() frees it (and the Probe with it)."""
import gc


class Probe:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


def check(value):
    probe = Probe("in check")
    err = None
    try:
        int(value)
    except ValueError as e:
        err = e
    print("check ends")


check("12")
print("no exception: no cycle")
check("twelve")
print("the cycle is still there")
print(gc.collect())
print(gc.collect())
