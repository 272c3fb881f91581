it = iter([1])
x = next(it)
y = next(it)
