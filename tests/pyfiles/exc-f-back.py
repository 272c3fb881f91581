"""A kept exception keeps the caller's locals too, through f_back.

record() catches its own exception and keeps it in a list; the traceback
names record()'s frame alone.  But a finished frame points back (f_back)
at the frame that called it: run()'s frame, with its locals, outlives
run() as well, until the exception goes."""


class Item:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


log = []


def record(value):
    try:
        raise ValueError(value)
    except ValueError as e:
        log.append(e)


def run():
    item = Item("run's item")
    record(1)
    print("run returns")


run()
print("run has returned")
log.clear()
print("log cleared")
