r = range(5)
print(r[1:])
