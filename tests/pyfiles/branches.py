"""if, elif and else pick one path.

Only the lines that run are steps."""
x = []
if x:
    y = 'full'
elif len(x):
    y = 'weird'
else:
    y = 'empty'
    x.append(y)
if x:
    pass
n = 0
while True:
    n += 1
    if n - 3:
        continue
    break
z = x * n
print(z, n)
