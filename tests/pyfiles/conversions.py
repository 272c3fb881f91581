"""Conversions make new objects.

int(), float(), str() and list() build a new object of their type,
except when the value is already one that is shared."""
text = '1234'
n = int(text)
f = float(text)
s = str(n)
print(n, f, s, s == text, s is text)
chars = list('abc')
again = tuple(chars)
print(chars, again)
print(int(3.9), int(-3.9), float(7), str(2.5))
print(bool(0), bool('0'), int(True))
same = str(text)
print(same is text)
