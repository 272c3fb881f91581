r = range(1.5)
