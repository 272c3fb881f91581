"""break leaves the loop, continue skips to the next pass."""
evens = []
for n in range(10):
    if n % 2:
        continue
    if n > 6:
        break
    evens.append(n)
print(evens)
total = 0
k = 0
while True:
    k += 1
    if k == 3:
        continue
    if k > 5:
        break
    total += k
print(total, k)
