"""Floor division and modulo of big ints take the divisor's sign."""
x = 10 ** 30 + 7
y = -x
print(x // 7, x % 7, y // 7, y % 7)
print(x // -7, x % -7, y // -7, y % -7)
print(7 // x, -7 // x, 7 % x, -7 % x, -7 % -x)
print(x // x, y // x, x % x, (x * x) // x == x)
q = 2 ** 200 // 3 ** 50
r = 2 ** 200 % 3 ** 50
print(q, r, q * 3 ** 50 + r == 2 ** 200)
print(x / 3, y / 7, 2 ** 1100 / 2 ** 1090, 1 / 2 ** 80, 2 ** 64 / 3)
print(x / 1e10, x // 1e10, x % 1e10, 2 ** 70 * 0.5)
print(2 ** 53 + 1 == 2.0 ** 53 + 1, 2 ** 53 + 1 > 2.0 ** 53, 10 ** 30 == 1e30)
print(2 ** 100 == 2.0 ** 100, 2 ** 100 < float('inf'), -2 ** 100 > -1e300)
