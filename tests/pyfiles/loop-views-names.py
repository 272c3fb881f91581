"""A view bound to a name is walked again from the start by each loop:
each loop makes its own iterator."""
import sys
ages = {"ann": 31, "bob": 42}
names = ages.keys()
for n in names:
    print(n)
ages["cy"] = 53
for n in names:
    print(n, sys.getrefcount(names))
total = 0
for a in ages.values():
    total = total + a
print(total, len(names), sys.getrefcount(ages))
