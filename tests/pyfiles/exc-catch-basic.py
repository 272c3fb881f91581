"""Catching an exception: the object `except ... as e` names.

int('x') fails: the interpreter makes a ValueError object, and the except
clause that matches gives it a name for the length of its block."""
import sys

text = "x"
try:
    number = int(text)
    print("not reached")
except ValueError as e:
    # e is an ordinary object: a ValueError whose args hold the message
    print(type(e).__name__, e.args)
    # two references: the name e, and the interpreter's record of the
    # exception being handled (sys.exc_info()); the third is getrefcount's
    print(sys.getrefcount(e))
# At the end of the block Python deletes the name e (as if `del e`): the
# exception had no other reference, and is gone.
print("after the block")
