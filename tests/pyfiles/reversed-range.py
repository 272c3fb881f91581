"""reversed(range(...)) is a range_iterator counting down: it holds no
objects, it makes each number when asked."""
r = range(1000, 1010, 3)
back = reversed(r)
print(next(back), next(back))
print(list(back), list(reversed(range(5, 0, -2))))
for i in reversed(range(3)):
    print(i)
big = reversed(range(10 ** 6, 10 ** 6 + 2))
print(next(big), next(big), next(big, None))
