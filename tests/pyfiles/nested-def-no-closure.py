"""A nested function that uses nothing of its enclosing call.

It has no free variables, so no cell and no closure (its __closure__ is
None); a new function object is made at each call and dropped when the
call returns."""
import sys
def total(xs):
    def add(a, b):
        return a + b
    s = 0
    for x in xs:
        s = add(s, x)
    return s
print(total([1, 2, 3]))
def helper_maker():
    def helper():
        return 42
    return helper
h = helper_maker()
print(h.__closure__, h(), sys.getrefcount(h))
