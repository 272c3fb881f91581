xs = [2, 1]
print(max(xs, key=lambda v: -v))
