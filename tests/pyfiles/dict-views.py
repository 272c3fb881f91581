"""A dict view is an object that holds its dict.

It shows the dict as it is now: a key added later is in it.  The view
keeps the dict alive after its name is gone."""
import sys
stock = {"apples": 3000, "pears": 4000}
names = stock.keys()
amounts = stock.values()
pairs = stock.items()
print(names, amounts, pairs)
print(len(names), len(pairs), sys.getrefcount(stock))
stock["plums"] = 5000
print(names, len(amounts))
del stock["apples"]
print(pairs)
del stock
# the three views still hold the dict
print(sys.getrefcount(names), len(names))
again = names
print(again is names)
del names, amounts
print(pairs, len(again))
print(sorted(again), sorted(pairs))
one = {"k": [1000]}.values()
print(one)
