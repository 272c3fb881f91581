xs = [1, 2]
print(max(0, x for x in xs))
