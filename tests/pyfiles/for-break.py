"""break, continue and else in for loops.

A break drops the iterator at once; a return inside a loop too."""
import sys
x = [1001, 2001, 3001, 4001]
for v in x:
    if v == x[1]:
        continue
    if v == x[2]:
        # the iterator goes with the break
        break
    print(v)
else:
    print("not reached")
print(sys.getrefcount(x), v)
for i in range(3):
    for j in x:
        if j == x[1]:
            break
    print(i, j, sys.getrefcount(x))
n = 0
while n < 2:
    for q in x:
        break
    n = n + 1
else:
    print("while done", n)
def find(seq, wanted):
    for s in seq:
        if s == wanted:
            return s
    return None
r = find(x, x[1])
print(r, sys.getrefcount(x))
none = find(x, 7)
def count_up(seq):
    k = 0
    for s in seq:
        k = k + 1
    else:
        k = k * 10
    return k
print(count_up(x), count_up("ab"))
def nested(seq):
    for s in seq:
        for t in seq:
            if t == s:
                return t
result = nested(x)
print(result, sys.getrefcount(x))
