d = {1: 2}
r = reversed(d)
