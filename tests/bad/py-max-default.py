xs = [2, 1]
print(max(xs, default=0))
