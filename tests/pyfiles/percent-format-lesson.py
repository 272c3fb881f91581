"""Old-style % formatting.

The format string and its arguments make one new str; the arguments
are only read."""
name = 'Ada'
age = 36
height = 1.655
line = '%s is %d years old' % (name, age)
print(line)
print('%.2f m' % height)
print('%5d|%-5d|' % (42, 42))
print('%x %o %e' % (255, 8, 12345.678))
print('%r and %s' % ('quoted', 'plain'))
print('100%% sure')
