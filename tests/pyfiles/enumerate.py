"""enumerate pairs each item with its count.

The enumerate object holds the list's iterator and a result tuple,
which it fills again whenever nobody else holds it."""
import sys
fruits = ["apple", "banana", "cherry"]
for i, fruit in enumerate(fruits):
    print(i, fruit, sys.getrefcount(fruits))
for n, fruit in enumerate(fruits, 1):
    print(n, fruit)
e = enumerate(fruits, 100)
first = next(e)
print(first, sys.getrefcount(first))
second = next(e)
print(second, first is second)
del first, second
third = next(e)
print(third, sys.getrefcount(third), next(e, "end"))
print(list(enumerate("hé")), list(enumerate(range(3), 5)))
print(dict(enumerate(["a", "b"])))
big = enumerate([7], 1000)
print(next(big))
