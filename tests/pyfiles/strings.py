"""Strings built in a loop are new objects.

Identifier-like constants are interned; the concatenations are not."""
word = 'ab'
other = 'ab'
# expect: word is other
s = ''
n = 3
while n:
    s = s + word
    n -= 1
t = 'abababab'[0] + s
print(s, t, len(s))
del s
