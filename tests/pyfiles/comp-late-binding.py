"""Lambdas made in a comprehension share its loop variable.

Each lambda reads i when it is called, through the cell the
comprehension made for it: by then i is 2 for all of them."""
# diff: not 3.12, 3.13, 3.14 (a lambda in an inlined comprehension: its variable becomes a cell of the module, not modelled yet)
fs = [lambda: i for i in range(3)]
print([f() for f in fs])
gs = [lambda i=i: i for i in range(3)]
print([g() for g in gs])
print(fs[0].__closure__ is not None, gs[0].__closure__)
