def f():
    def g():
        return x
    y = g()
    x = 1
    return y
f()
