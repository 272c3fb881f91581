"""A for loop holds an iterator on the frame's stack.

The loop variable is rebound at each turn; the iterator lets its list
go when it is exhausted."""
import sys
x = [1001, 2001, 3001]
# while the loop runs, the list_iterator holds x
for item in x:
    print(sys.getrefcount(x), sys.getrefcount(item))
# after the loop the name stays bound to the last item
print(sys.getrefcount(x), item)
total = 0
for i in range(4):
    total = total + i
print(total, i)
# a temporary list lives as long as its loop
for v in [x, [5, 6]]:
    print(len(v))
for ch in "héllo":
    last = ch
for a, b in [(1, 2), (3, 4)]:
    total = total + a * b
for name in ("p", "q"):
    pass
print(total, last, a, b, name)
rows = [[1000, 2000], [3000]]
for row in rows:
    for cell in row:
        print(cell, sys.getrefcount(row))
for k in range(2):
    print(k)
else:
    print("no break")
d = {"a": 1, "b": 2}
for key in list(d):
    print(key, d[key])
