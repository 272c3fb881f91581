d = {}
x = next(d.keys())
