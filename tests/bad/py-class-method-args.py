class A:
    def m(self):
        return 1
a = A()
b = a.m(1)
