"""Passing an int: the function cannot change the caller's int.

n += 1 inside rebinds the local name only."""
def bump(n):
    n += 1
    return n
count = 1000
result = bump(count)
print(count, result)
def shout(s):
    s = s.upper()
    return s
word = 'quiet'
print(shout(word), word)
