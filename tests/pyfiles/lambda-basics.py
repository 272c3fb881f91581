"""lambda makes a function object like def.

It has no name to bind: the assignment binds it.  Its defaults are
evaluated when the lambda line runs, and held by the function."""
import sys
square = lambda x: x * x
print(square(12))
print(sys.getrefcount(square))
add = lambda a, b=[]: b
first = add(1)
second = add(2)
# one default list, shared by every call
print(first is second, add.__defaults__[0] is first)
print((lambda n: n + 1)(41))
ops = [lambda a, b: a + b, lambda a, b: a * b]
print(ops[0](3, 4), ops[1](3, 4))
