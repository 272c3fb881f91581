"""Powers of two past 2**64, and what the compiler folds.

CPython folds 2 ** 64 into one constant but computes 2 ** 100 at run time
(its limit is 128 bits), so two 2 ** 64 are one object and two 2 ** 100
are not."""
a = 2 ** 64
b = 2 ** 64
print(a, a is b)
c = 2 ** 100
d = 2 ** 100
print(c, c is d, c == d)
e = 3 ** 40
m = 2 ** 63 - 1
n = -2 ** 63
print(e, m + 1, n - 1, -n, abs(n))
print(2 ** 1000)
print(-(2 ** 200), (-2) ** 201, 0 ** 0, 1 ** 500, (-1) ** (2 ** 70 + 1))
print(2 ** -1, 10 ** 30 * 10 ** 30, 10 ** 30 - 10 ** 30)
h = 12345678901234567890123456789
print(h * h, h * -h, h + 1, h - h)
