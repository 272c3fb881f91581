d = {1: 2}
x = d.keys() + [1]
