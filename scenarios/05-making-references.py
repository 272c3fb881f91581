"""What makes a reference

A name, another name, a list slot, an attribute and a function's parameter
each add one reference."""
# refscope: section "5. Making references"
import sys


# A Holder is an object that can carry attributes.
class Holder:
    pass


# show prints the count of the object it is given.
def show(p):
    # Inside the function, the parameter p is one more reference to the
    # object. sys.getrefcount prints 7: the five from before, p, and one
    # for the argument of getrefcount itself (lesson 7 explains that one).
    # (Python 3.14 prints 6: it lends p to getrefcount without counting.)
    print(sys.getrefcount(p))
    # expect: refcount(p) == 6
    # expect: p is item
    # The function returns. Its parameter p goes away with it, so the
    # object is back to 5 references.
    return


# A reference is anything that points at an object. Binding the name
# item to a new list, "our list", makes the first one: count 1.
item = ['a', 'list']
# label: item "our list"
# expect: refcount(item) == 1

# A second name on the same object is a second reference: count 2.
other = item
# expect: other is item
# expect: refcount(item) == 2

# A list slot is a reference too. The new list's slot 0 points at the
# same object: count 3. The new list itself has one reference, box.
box = [item]
# expect: box[0] is item
# expect: refcount(item) == 3
# expect: refcount(box) == 1
# pause

# Every slot counts, even when two slots of one list point at the same
# object: count 4.
box.append(item)
# ask: refcount(item)
# answer: 4
# expect: box[1] is item
# expect: refcount(item) == 4

# h is an instance of the small class Holder. An instance can carry
# attributes, and each attribute is a reference.
h = Holder()
# expect: refcount(h) == 1

# The attribute h.thing points at our list: count 5.
h.thing = item
# expect: h.thing is item
# expect: refcount(item) == 5
# pause

# Passing item to a function made one more reference while the call
# ran: the parameter p. Once the call is over, the count is 5 again.
show(item)
# expect: refcount(item) == 5
# pause
