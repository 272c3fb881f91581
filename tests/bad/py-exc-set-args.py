class Oops(Exception):
    pass


e = Oops()
e.code = 5
e.args = (1, 2)
