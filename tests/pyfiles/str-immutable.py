"""Strings cannot be changed in place.

Every "change" is a new string bound to the name; other names keep the
old one."""
a = 'cat'
b = a
a = a + 's'
print(a, b)
c = b.upper()
print(b, c)
letters = 'abc'
first = letters[0]
rest = letters[1:]
print(first, rest, first + rest == letters)
