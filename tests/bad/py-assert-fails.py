x = []
assert x, "x is empty"
