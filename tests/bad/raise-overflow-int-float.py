x = 10 ** 400
y = float(x)
