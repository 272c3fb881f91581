"""What an exception class of the program inherits from its built-in base.

A subclass of KeyError prints its argument as KeyError does (its repr);
`except LookupError` catches it; isinstance and type() see the class of
the program.  An exception that keeps itself in a cycle through its
traceback's frame holds its class until the collector frees it."""
import gc
import sys


class MissingKey(KeyError):
    pass


class Retry(RuntimeError):
    attempts = 3


try:
    raise MissingKey("user")
except LookupError as e:
    print("str:", e, "repr:", repr(e))
    print(isinstance(e, MissingKey), isinstance(e, KeyError), type(e) is MissingKey)
    print(isinstance(e, Retry), Retry.attempts, isinstance(ValueError(), Exception))


def attempt():
    try:
        raise Retry("busy")
    except Retry as err:
        kept = err
    return "gave up"


print(attempt(), sys.getrefcount(Retry))
print(gc.collect(), sys.getrefcount(Retry))
try:
    raise Retry
except (ValueError, MissingKey):
    print("not here")
except RuntimeError as e:
    print("runtime:", repr(e))
