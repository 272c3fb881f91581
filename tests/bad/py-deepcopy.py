import copy
class A:
    pass
a = A()
b = copy.deepcopy([a])
