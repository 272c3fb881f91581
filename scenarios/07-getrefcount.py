"""sys.getrefcount shows one more

sys.getrefcount(x) reports one more than you made, since its argument is a
reference while it runs; inside print(x, ...) two more."""
# refscope: section "7. Counting with sys.getrefcount"
import sys

# One name, one new list: the reference count is 1. refscope shows the
# count the object really keeps.
x = []
# expect: refcount(x) == 1

# Yet Python prints 2. To call getrefcount, Python must hand it the
# object, and the argument being passed is a reference too. So the
# function always sees one more than you made.
print(sys.getrefcount(x))
# expect: refcount(x) == 1
# pause

# Here it prints 3, two more. Python evaluates print's arguments from
# left to right, so x is already held as print's first argument while
# getrefcount runs, and getrefcount counts it.
print(x, sys.getrefcount(x))
# expect: refcount(x) == 1
# pause

# A real second reference: the count is 2 now.
y = x
# ask: refcount(x)
# answer: 2
# expect: y is x
# expect: refcount(x) == 2

# And getrefcount says 3: the two names plus its own argument.
print(sys.getrefcount(x))
# expect: refcount(x) == 2

# Two list slots add two more: 4 references.
box = [x, x]
# expect: refcount(x) == 4

# So the number you usually want is getrefcount minus one: 4.
print(sys.getrefcount(x) - 1)
# expect: refcount(x) == 4
# pause

# It does not matter how you reach the object: through box[0] it is the
# same object, and the answer is again 4 + 1 = 5.
print(sys.getrefcount(box[0]))
# expect: box[0] is x
# expect: refcount(x) == 4

# One more surprise: a number written in the file is a constant, which
# the file's compiled code holds as long as the program runs. One name,
# yet the count is more than 1: never count on the exact number of an
# object your program did not build itself.
n = 1000
print(sys.getrefcount(n) > 2)
# pause
