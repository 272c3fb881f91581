"""A while loop rebinds its name on every pass.

Each `n -= 1` makes n refer to a different int object."""
n = 5
while n > 0:
    print(n)
    n -= 1
print('liftoff', n)
big = 1000
while big < 1003:
    big += 1
print(big)
