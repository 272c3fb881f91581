import weakref


class C:
    pass


c = C()
f = weakref.finalize(c, print, "x", sep="-")
