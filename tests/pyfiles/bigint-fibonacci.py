"""The fibonacci numbers, far beyond 64 bits: a and b rebound each turn."""
a = 0
b = 1
i = 0
while i < 300:
    a, b = b, a + b
    i = i + 1
print(a)
print(b - a, b % a, sum([a, b, -a]), max(a, b, 2.5))
fibs = [0, 1]
for k in range(150):
    fibs.append(fibs[-1] + fibs[-2])
print(fibs[100], fibs[150], len(fibs))
print(sorted([fibs[120], -fibs[110], 5, 2.5, fibs[100]]))
print(sum(fibs), sum(fibs, 0.5), fibs[149] < fibs[150] <= fibs[150])
