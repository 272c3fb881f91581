"""Where control goes when an exception is raised.

A handler in the caller, a loop that goes on after a caught exception,
a try inside a try, a bare raise, and the exception being handled when
another is raised: its __context__."""
def f():
    try:
        raise KeyError("a")
    except KeyError:
        raise ValueError("b")
try:
    f()
except ValueError as e:
    print(repr(e), repr(e.__context__))
    c = e.__context__
print(c)
for i in range(3):
    try:
        if i == 1:
            raise IndexError(i)
        print("ok", i)
    except IndexError as e:
        print("bad", e)
        continue
    print("next")
try:
    try:
        raise KeyError("in")
    except ValueError:
        print("no")
except KeyError as e:
    print("outer", e)
try:
    raise TypeError
except Exception as e:
    print(repr(e))
try:
    try:
        raise ValueError("r")
    except ValueError:
        print("handling")
        raise
except ValueError as e:
    print("re", e)
