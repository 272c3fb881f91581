def f(a):
    return a
f()
