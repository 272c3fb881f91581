e = enumerate([1], 2, 3)
