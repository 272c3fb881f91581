r = range(5)
x = r[1]
