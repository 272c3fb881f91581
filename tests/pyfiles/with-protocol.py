"""with: an object without __enter__ or __exit__ is refused with a TypeError"""


class NoEnter:
    def __exit__(self, t, v, tb):
        pass


class NoExit:
    def __enter__(self):
        return self


class Oops(Exception):
    pass


for o in [1, NoEnter(), NoExit(), Oops()]:
    try:
        with o:
            print("never")
    except TypeError as e:
        print(e)
print("end")
