"""with: an `as` target other than a name"""


class Res:
    def __enter__(self):
        return self

    def __exit__(self, t, v, tb):
        return False


r = Res()
with Res() as r.inner:
    pass
