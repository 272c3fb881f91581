"""sys.getrefcount of a local in the code only an exception reaches.

3.14 passes a local to a call without a reference of its own (it borrows
it), except in an except block or a finally block an exception came to."""
import sys
def f(fail):
    r = [1]
    try:
        print("body", sys.getrefcount(r))
        if fail:
            raise ValueError
    except ValueError:
        print("except", sys.getrefcount(r))
        x = 1
        print("except2", sys.getrefcount(r))
    else:
        print("else", sys.getrefcount(r))
    finally:
        print("finally", sys.getrefcount(r))
    print("after", sys.getrefcount(r))
f(0)
f(1)
def g():
    r = [1]
    try:
        raise KeyError
    finally:
        print("g finally", sys.getrefcount(r))
try:
    g()
except KeyError:
    pass
