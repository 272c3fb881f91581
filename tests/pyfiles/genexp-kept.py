"""A generator kept in a name keeps its frame between next() calls.

The frame holds the iterator over the list (and so the list), and the
loop's name holds the last item: both live until the generator ends or
dies."""
import gc
import sys


class Tag:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


tags = [Tag("a"), Tag("b"), Tag("c")]
gen = (t.name.upper() for t in tags)
print(gc.is_tracked(gen))
print(next(gen))
print(sys.getrefcount(tags), sys.getrefcount(tags[0]))
print(next(gen))
del tags
# the generator's iterator still holds the list
print(next(gen))
# the list runs out: the frame goes, and with it the list and its tags
for rest in gen:
    print("never", rest)
print("after the loop")
again = (t for t in [Tag("x"), Tag("y")])
first = next(again)
print(first.name)
# a generator dropped half way lets its frame go: the stack's iterator,
# then its locals in order
del again
print("dropped")
del first
