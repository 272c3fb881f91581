"""Counting with a dict: get() with a default.

The counts are small ints: shared objects, rebound on each update."""
text = 'the cat and the hat and the bat'
counts = {}
for word in text.split():
    counts[word] = counts.get(word, 0) + 1
print(counts)
print(counts['the'], counts.get('dog', 0))
