"""Where the type lives

A name has no type: each object carries its type, its count and its value.
One name points at an int, a str, then a list."""
# refscope: section "4. Types belong to objects"

# In C, a variable has a type and a box of memory. In Python the type is
# stored on the object itself: every object starts with a small header
# holding its type and its reference count, and then its value. A name is
# only a pointer to an object.
#
# x points at an int object. Look at the object's box: its type (int),
# its reference count and its value (1000). The file's code holds it
# too, as one of its constants (lesson 2).
x = 1000
# expect: freed == 0
# pause

# The same name now points at a str object. Nothing about x had to change
# type: x just moved to another object, which carries its own type. The
# int lost a reference but lives on: the code still holds it.
x = 'hello world'
# expect: freed == 0
# pause

# len asks the object, not the name: the object says it is a str of 11
# characters.
print(len(x))

# Now x points at a new list. Its two slots point at the int and the str
# we already met -- the same constant objects, each with its own header
# -- so each has one more reference.
x = [1000, 'hello world']
# expect: refcount(x) == 1
# expect: x[1] is not x[0]

# y points at the str inside the list. A name and a list slot can point
# at the same object, and the type travels with the object, so y sees a
# str.
y = x[1]
# ask: y is x[1]
# answer: True
# expect: y is x[1]
# pause

# The list says it has 2 items; the str says it has 11 characters. Each
# object answers for its own type.
print(len(x), len(y))
