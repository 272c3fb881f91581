def f(k):
    return sum(x * k for x in [1, 2])
print(f(3))
