xs = [1, 2]
ys = [x * x for x in xs]
