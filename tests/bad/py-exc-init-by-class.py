class A(Exception):
    def __init__(self, m):
        Exception.__init__(self, m)


A(1)
