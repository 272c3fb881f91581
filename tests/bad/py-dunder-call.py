x = [1, 2]
print(x.__len__())
