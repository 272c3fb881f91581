"""Exception classes of the program's own.

AppError derives from Exception, NotFound from AppError: raising one makes
an exception that holds its class (the class's count goes up), with the
call's arguments as its args; `except AppError` catches a NotFound too;
raising the class itself calls it with no arguments."""
import sys


class AppError(Exception):
    """Something went wrong in the app."""


class NotFound(AppError):
    pass


print(sys.getrefcount(AppError), sys.getrefcount(NotFound))
e = AppError("boom", 5)
print(sys.getrefcount(AppError), e.args, repr(e), str(e))
try:
    raise NotFound("no such user")
except AppError as err:
    print("caught", repr(err), sys.getrefcount(NotFound))
try:
    raise NotFound
except Exception as err:
    print("caught again", repr(err))
print(sys.getrefcount(NotFound))
del e
print(sys.getrefcount(AppError))
