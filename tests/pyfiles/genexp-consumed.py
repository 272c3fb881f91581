"""A generator expression makes its items one at a time.

sum() asks the generator for each item in turn; the generator keeps its
frame (the iterator over the list, the loop's name) between the items,
and lets all of it go when the list runs out."""
import sys
prices = [[3], [4], [5]]
total = sum(p[0] for p in prices)
print(total)
biggest = max(p[0] * 100 for p in prices if p[0] > 3)
print(biggest)
names = ", ".join(str(p[0]) for p in prices)
print(names)
copies = list(p for p in prices)
print(copies == prices, copies[0] is prices[0])
print(sys.getrefcount(prices[0]))
pairs = sorted((b, a) for a in "xy" for b in range(2))
print(pairs)
print(tuple(n * n for n in range(4)))
print(set(c for c in "banana") == {"a", "b", "n"})
