class Oops(Exception):
    pass


e = Oops()
e.code = 5
