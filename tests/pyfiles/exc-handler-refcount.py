"""How many references an exception has, inside and after its block.

Inside `except E as e`, the exception is named e and is also the
interpreter's exception being handled.  Kept in a list, it has one
reference from the list once the block is over."""
import sys

errors = []
for word in ["a", "bb"]:
    try:
        raise LookupError(word)
    except LookupError as e:
        print(sys.getrefcount(e))
        errors.append(e)
        print(sys.getrefcount(e))
print(sys.getrefcount(errors[0]))
print(len(errors))
errors.clear()
print(len(errors))
