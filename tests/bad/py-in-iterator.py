it = iter([1, 2])
x = 2 in it
