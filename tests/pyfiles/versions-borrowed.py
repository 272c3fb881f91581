"""Borrowed references: what 3.14 changed.

On 3.14 a function's local passed straight to a call is a borrowed
reference (LOAD_FAST_BORROW), so sys.getrefcount counts one less."""
import sys


def show(items):
    print(sys.getrefcount(items))


data = [1, 2, 3]
show(data)
# a global is not borrowed: the same on every version
print(sys.getrefcount(data))
