"""An exception class with its own __init__.

Calling Oops("disk full", 28) makes the exception with the call's
arguments as its args -- ('disk full', 28) -- before __init__ runs
(BaseException.__new__).  super().__init__(msg) then gives it a new
args, ('disk full',), and the first tuple dies when the call ends.
self.code = code makes the exception's __dict__, a real dict."""
import sys


class Oops(Exception):
    def __init__(self, msg, code):
        print("args before:", self.args)
        super().__init__(msg)
        print("args after:", self.args)
        self.code = code


try:
    raise Oops("disk full", 28)
except Oops as e:
    print(e, e.code)
    print(e.args)
    print(e.__dict__)
    print(sys.getrefcount(e))
print(Oops("again", 1).args)
