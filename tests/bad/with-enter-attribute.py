"""with: an __enter__ that is not a method"""


class Res:
    __enter__ = 5

    def __exit__(self, t, v, tb):
        return False


with Res():
    pass
