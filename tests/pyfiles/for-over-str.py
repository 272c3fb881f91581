"""Looping over a string gives one-character strings.

Each is a shared object (one character), not part of the string."""
word = 'level'
letters = []
for ch in word:
    letters.append(ch)
print(letters, letters[0] is letters[4])
count = 0
for ch in 'banana':
    if ch == 'a':
        count += 1
print(count)
