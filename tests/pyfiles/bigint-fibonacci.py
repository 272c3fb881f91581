"""The fibonacci numbers, far beyond 64 bits: a and b rebound each turn."""
a = 0
b = 1
i = 0
while i < 100:
    a, b = b, a + b
    i = i + 1
print(a)
print(b - a, b % a, sum([a, b, -a]), max(a, b, 2.5))
fibs = [0, 1]
for k in range(99):
    fibs.append(fibs[-1] + fibs[-2])
print(fibs[90], fibs[100], len(fibs))
print(sorted([fibs[100], -fibs[95], 5, 2.5, fibs[90]]))
print(sum(fibs), sum(fibs, 0.5), fibs[99] < fibs[100] <= fibs[100])
