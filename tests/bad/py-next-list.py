x = [1]
y = next(x)
