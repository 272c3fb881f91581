"""What changed in 3.12 and 3.14

One program, two versions of CPython, other counts: immortal objects
(3.12), borrowed references (3.14) and the collector. Press v to see
any step under the other version."""
# refscope: section "16. New in 3.12 and 3.14"
import sys
import gc

# This lesson runs the same on every version refscope models; what the
# versions report differs. `refscope compare 16-what-changed` lists
# each difference, step by step, with the rule behind it (`--python
# 3.12,3.13` picks another pair), and in the viewer v shows the same
# step under the other version.
#
# First the collector. Each version starts with its own thresholds:
# 3.11 and 3.12 collect generation 0 after 700 new containers, 3.13
# after 2000, and 3.14's incremental collector has only a young and an
# old generation, so its third threshold is 0.
print(gc.get_threshold())

# None is shared by the whole interpreter. On 3.11 every use of it,
# anywhere, moves its count. From 3.12 it is immortal (PEP 683): its
# count never moves, and sys.getrefcount reports a fixed figure
# (4294967295, or 3221225472 on 3.14). Its box says immortal.
nothing = None
# expect: nothing is None

# The small ints are immortal too, from 3.12. A list of them is an
# ordinary object on every version: one name, one reference.
n = 7
pair = [n, n]
# expect: pair[0] is pair[1]
# ask: refcount(pair)
# answer: 1


# 3.14 loads a function's local onto the stack without a new
# reference when it is passed straight to a call (LOAD_FAST_BORROW).
# The list is the same, the references to it are the same: only
# sys.getrefcount, which counts its argument, says one less.
def show(items):
    print(sys.getrefcount(items))


# Inside show: 3 on 3.11 to 3.13 (pair, items, the argument), 2 on 3.14.
show(pair)
# A global is loaded with a reference of its own on every version: 2.
print(sys.getrefcount(pair))

# 3.14 tracks a dict from its birth; the others untrack an empty one.
table = {}

# A young collection moves its survivors one generation older up to
# 3.13; 3.14 moves them to its old generation at once.
print(gc.collect(0))
# expect[3.11-3.13]: gen(pair) == 1
# expect[3.14]: gen(pair) == 2

# Last, 3.12 inlines list comprehensions (PEP 709). On 3.11 this line
# makes a function, <listcomp>, and calls it: a frame of its own runs the
# loop, holding the list's iterator as .0 (step into it with →). From
# 3.12 the loop runs right here, in the module's code: no function to
# make and free, no frame. The list it builds is the same on both.
squares = [k * k for k in pair]
print(squares)
