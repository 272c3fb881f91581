import weakref

try:
    weakref.finalize([1], print)
except TypeError:
    print("caught")
