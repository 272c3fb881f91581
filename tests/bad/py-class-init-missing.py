class A:
    def __init__(self, x, y):
        self.x = x
a = A(1)
