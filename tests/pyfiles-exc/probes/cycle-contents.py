"""Probe (FACTS.md e): what gc.collect() finds in exc-cycle.py's cycle,
by type (gc.DEBUG_SAVEALL keeps the unreachable objects in gc.garbage
instead of freeing them)."""
import gc


class Probe:
    def __init__(self, name):
        self.name = name


def check(value):
    probe = Probe("in check")
    err = None
    try:
        int(value)
    except ValueError as e:
        err = e


gc.collect()
check("twelve")
gc.set_debug(gc.DEBUG_SAVEALL)
print(gc.collect())
print(sorted(type(o).__name__ for o in gc.garbage))
gc.set_debug(0)
gc.garbage.clear()
