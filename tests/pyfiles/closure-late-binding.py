"""Closures see the variable, not its value.

Every inner function made in the loop shares one cell for i: they all
see its last value.  A default argument takes the value at def time."""
def make_adders():
    adders = []
    for i in range(3):
        def add(x):
            return x + i
        adders.append(add)
    return adders
fs = make_adders()
print(fs[0](10), fs[1](10), fs[2](10))
# one cell shared by all three closures
print(fs[0].__closure__ is not fs[1].__closure__)
def make_fixed():
    adders = []
    for i in range(3):
        def add(x, i=i):
            return x + i
        adders.append(add)
    return adders
gs = make_fixed()
print(gs[0](10), gs[1](10), gs[2](10))
