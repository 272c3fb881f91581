def f(n):
    if n == 0:
        raise ValueError("n is zero")
    return 1 / n

print(f(2))
print(f(0))
