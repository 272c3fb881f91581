it = iter({1: 2}.items())
x = next(it)
d = {}
y = next(iter(d.values()))
