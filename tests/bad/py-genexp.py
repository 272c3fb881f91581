fs = list((lambda: x) for x in [1, 2])
print(fs[0]())
