d = {1: 2}
it = iter(d)
