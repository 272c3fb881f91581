d = {}
k = d.keys(1)
