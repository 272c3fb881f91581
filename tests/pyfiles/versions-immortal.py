"""Immortal objects: what 3.12 changed (PEP 683).

None, True, the small ints and the one-character strs are shared by
the whole interpreter; from 3.12 they are immortal, and their count
no longer moves."""
x = None
flag = True
n = 7
items = [n, n]
letter = 'a'
first = 'ab'[0]
print(letter is first)
del items
