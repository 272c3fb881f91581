"""An exception keeps the frame that raised it

When an exception leaves a function, it takes a traceback with it, and the
traceback holds the function's frame as an object -- with every local the
function had.  Keep the exception and you keep them all; keep it inside
that very function and you have made a cycle only the collector frees."""
# refscope: section "18. An exception keeps its frame"
import gc
import sys


# A Buffer stands for something big. Its __del__ tells us when it goes.
class Buffer:
    def __init__(self, size):
        self.size = size

    def __del__(self):
        print("buffer of", self.size, "freed")


# load() makes a Buffer in a local, then fails when it is too big.
def load(size):
    data = Buffer(size)
    if size > 100:
        raise ValueError("too big")
    return data


# The call fails, and the try: block's handler catches the ValueError.
try:
    load(500)
# By now load() has ended -- yet its Buffer lives: the exception's
# __traceback__ holds a traceback for each frame it left, and the one for
# load() holds load's frame object, which took over its locals.
except ValueError as e:
    # Who holds the exception now? e, the thread's "exception being
    # handled" (sys.exception()), and getrefcount's own argument: 3.
    print(sys.getrefcount(e))
    # label: e "the ValueError"
    # pause
    # The end of the block deletes e (`e = None; del e`): the exception
    # goes, then its traceback, load's frame object, and the Buffer.
    print("failed:", e)
print("after the block")
# pause

# Keep the exception in a name of your own, and its frames stay.
saved = None
try:
    load(800)
except ValueError as e:
    saved = e
# ask: refcount(saved)
# answer: 1
print("kept:", saved)
# pause

# Let it go: the whole chain goes at once.
saved = None
# pause


# The classic leak: a function that keeps its own exception in a local.
# The exception holds the traceback, the traceback the frame object, the
# frame object the local, and the local the exception: a cycle.
def careful():
    data = Buffer(900)
    try:
        raise RuntimeError("oops")
    except RuntimeError as err:
        problem = err
    return "done"


# careful() returns, and nothing is freed: its Buffer is in the cycle.
print(careful())
# pause

# Only the collector finds it: the exception, its args, the traceback, the
# frame object and the Buffer -- 5 objects, and the Buffer's __del__ runs.
print(gc.collect())
