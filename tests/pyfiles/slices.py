"""Slices: a new list, the same tuple, a shared character.

One module: the bounds are constants of the module, None among them."""
letters = ['a', 'b', 'c', 'd', 'e']
first = letters[:2]
copy = letters[:]
# expect: copy is not letters
word = 'refcount'
same = word[:]
# expect: same is word
part = word[3:]
ch = word[3:4]
rev = word[::-1]
point = (1000, 2000, 3000)
also = point[:]
# expect: also is point
inner = point[1:]
n = -1
last_two = letters[n - 1:]
letters[1:3] = point
letters[::2] = 'xyz'
del letters[:1]
print(first, copy, same, part, ch, rev, inner, last_two, letters)
letters[:] = []
print(letters, point[::-1], word[n::n])
