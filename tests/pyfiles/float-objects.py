"""Floats are objects too, never cached.

Every float an expression produces is a new one."""
import sys
pi = 3.14
also = 3.14
print(pi is also)
doubled = pi * 2
print(doubled, sys.getrefcount(pi))
third = 1 / 3
print(third)
print(0.1 + 0.2, 0.1 + 0.2 == 0.3)
