"""Unary minus makes a new number (or a shared small one)."""
a = 1000
b = -a
c = -b
print(b, c, c == a, c is a)
small = -5
print(-small, -(-small))
f = 2.5
print(-f, -(-f))
print(-True, -0, -0.0)
