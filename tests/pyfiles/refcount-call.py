"""What a call does to reference counts.

Passing an object binds the parameter to it: one more reference while
the function runs, gone when it returns."""
import sys
def peek(thing):
    # the parameter is one more reference, the argument of getrefcount
    # another
    print(sys.getrefcount(thing))
data = [1, 2, 3]
print(sys.getrefcount(data))
peek(data)
# back to where it was: the local died with the frame
print(sys.getrefcount(data))
