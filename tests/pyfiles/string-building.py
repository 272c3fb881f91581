"""Building a string piece by piece makes a new string each time.

join() builds it once from a list of pieces."""
s = ''
for ch in 'abc':
    s = s + ch * 2
print(s)
parts = []
for n in range(4):
    parts.append(str(n))
joined = ', '.join(parts)
print(joined)
