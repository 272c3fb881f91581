class A:
    pass
b = A.zz
