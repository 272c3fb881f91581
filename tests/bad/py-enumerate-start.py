e = enumerate([], "a")
