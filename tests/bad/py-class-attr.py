class A:
    pass
a = A()
b = a.zz
