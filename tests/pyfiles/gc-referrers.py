"""gc.get_referrers: who holds an object.

gc.get_referents answers what an object refers to; gc.get_referrers
answers the other way round: every object the collector tracks that
refers to it, generation by generation, the youngest first.  A name at
module level is an entry of the module's globals dict, which the
interpreter made when it started: it is in the answer too, and comes
after the program's young objects."""
import gc


class Node:
    def __init__(self, name):
        self.name = name
        self.next = None


a = Node("a")
b = Node("b")
a.next = b
b.next = a
# b is held by a (an instance keeps its attributes beside it) and by the
# module's globals (the name b)
print([type(r).__name__ for r in gc.get_referrers(b)])
holders = gc.get_referrers(a)
print(len(holders), holders[0] is b, holders[1] is globals())
print(type(holders[1]), isinstance(holders[1], dict))
del holders
items = [a, b]
pair = (a, items)
print([type(r).__name__ for r in gc.get_referrers(a)])
print(items in gc.get_referrers(a), pair in gc.get_referrers(items))
# after a collection the survivors are old: the globals dict, older
# still, now comes first
gc.collect()
print([type(r).__name__ for r in gc.get_referrers(a)])
fresh = [b]
print([type(r).__name__ for r in gc.get_referrers(b)])
# reading a.__dict__ makes a a real dict (3.11, 3.12); from 3.13 the
# dict only views the values, which a still holds
x = a.__dict__
print([type(r).__name__ for r in gc.get_referrers(b)])
# several objects at once: each holder once
print(len(gc.get_referrers(a, b)), len(gc.get_referrers(items, items)))
