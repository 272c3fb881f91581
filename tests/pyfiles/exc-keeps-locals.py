"""An exception keeps the locals of a finished function alive.

load() fails after it has made a Buffer.  Its frame is over, but the
traceback of the exception keeps the frame object, and the frame keeps
its locals: the Buffer lives as long as the exception is kept."""


class Buffer:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


def load(name):
    buf = Buffer(name)
    size = len(name)
    raise ValueError(size)


try:
    load("first")
except ValueError as e:
    print("caught", e.args)
# the end of the except block dropped e, and with it the Buffer
print("after the first")

saved = None
try:
    load("second")
except ValueError as e:
    saved = e
print("after the second")
saved = None
print("end")
