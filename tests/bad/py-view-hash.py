d = {}
e = {d.keys(): 1}
