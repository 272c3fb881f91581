"""Lambdas at module level read a global.

No cell here: i is the module's name, read when a lambda is called, so
all three see its last value.  A default captures each value instead."""
fs = []
for i in range(3):
    fs.append(lambda: i * 10)
print(fs[0](), fs[1](), fs[2]())
print(fs[0].__closure__)
gs = []
for i in range(3):
    gs.append(lambda i=i: i * 10)
print(gs[0](), gs[1](), gs[2]())
i = 7
print(fs[0](), gs[0]())
