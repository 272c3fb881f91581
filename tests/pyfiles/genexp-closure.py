"""A generator expression in a function reads the function's names.

k is a local of scaled() that the generator expression uses: it lives in
a cell, which the function and the generator's frame both hold, so the
generator can outlive the call that made it."""
import sys


def scaled(values, k):
    return (v * k for v in values)


def total(values, k):
    return sum(v * k for v in values)


gen = scaled([1, 2, 3], 10)
print(next(gen))
print(total([1, 2, 3], 100))
print(list(gen))
factor = 5000
again = scaled([7, 8], factor)
print(sys.getrefcount(factor))
print(next(again))
del again
print(sys.getrefcount(factor))
