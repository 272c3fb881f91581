"""Local names live and die with their call.

Each call has its own frame; the names in it vanish at return, and
what only they referred to is freed."""
def build():
    temp = [1000, 2000]
    label = 'built'
    return len(temp)
n = build()
print(n)
def nested_use(x):
    y = [x]
    z = [y, y]
    return z
out = nested_use('hi')
print(out, out[0] is out[1])
