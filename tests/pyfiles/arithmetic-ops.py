"""Arithmetic makes new objects (or returns shared small ints).

//, % and ** follow Python's rules: floor division rounds down, the
remainder takes the divisor's sign."""
a = 17
b = 5
print(a // b, a % b, a ** 2, -a // b, -a % b)
print(7 / 2, 7.0 // 2, 2 ** -1)
big = 3 ** 20
print(big)
neg = -b
print(neg, -neg, abs(neg))
print(10 % -3, -10 % 3)
