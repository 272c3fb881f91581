xs = [2, 1]
xs.sort(cmp=None)
