x = [1]
for i j in x:
    pass
