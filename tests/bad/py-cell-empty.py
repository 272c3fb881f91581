def f():
    def g():
        return x
    c = g.__closure__[0]
    print(c.cell_contents)
    x = 1
f()
