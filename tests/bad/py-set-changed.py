s = {1}
for x in s:
    s.add(x + 1)
