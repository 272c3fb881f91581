xs = [1, 2]
print(sum(x * x for x in xs))
