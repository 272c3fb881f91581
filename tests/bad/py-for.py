x = 1
for i in {1, 2}:
    x = i
