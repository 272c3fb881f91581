"""String methods return new strings.

A str never changes: upper(), replace() and strip() build new ones and
leave the original alone."""
s = '  Hello, World  '
t = s.strip()
u = t.upper()
v = t.replace('World', 'refscope')
print(s, t, u, v)
print(t.lower(), t.startswith('Hello'), t.endswith('!'))
words = t.split(', ')
print(words)
joined = '-'.join(words)
print(joined)
# nothing to strip: the same object comes back
w = 'plain'
print(w.strip() is w)
