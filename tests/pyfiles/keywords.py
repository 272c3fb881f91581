"""Keyword arguments.

A keyword argument binds the parameter of that name."""
def box(first, second, third=None, fourth=(5000, 6000)):
    return [first, second, third, fourth]
a = box(1000, 2000)
b = box(second=2000, first=1000)
c = box(1000, third=[3000], second='two')
d = box(fourth=a, second=b, first=c)
print(a, b, c)
del a, b
d = None
