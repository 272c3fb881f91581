xs = [1, 2]
d = {x: x for x in xs}
