"""Big ints as dict keys and set items: their hash is CPython's, modulo
2**61 - 1, so they land where CPython puts them and print in its order."""
d = {}
d[2 ** 61 - 1] = 'p'
d[2 ** 61] = 'p+1'
d[-2 ** 100] = 'neg'
d[10 ** 20] = 'ten'
d[1] = 'one'
print(d)
s = {2 ** 64, 2 ** 61 - 1, 0, -(2 ** 80), 3 ** 50, 7}
print(s)
print(2 ** 64 in s, 2 ** 65 in s, d[10 ** 20], d.get(2 ** 61))
t = {2.0 ** 70: 'float'}
t[2 ** 70] = 'int'
print(t, len(t))
u = set()
u.add(2 ** 100)
u.add(2.0 ** 100)
print(u, len(u))
