class A:
    def __init__(self):
        return 1
a = A()
