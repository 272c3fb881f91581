import gc
def f():
    pass
x = gc.get_referents(f)
