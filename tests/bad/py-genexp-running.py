g = (next(g) for x in [1])
print(next(g))
