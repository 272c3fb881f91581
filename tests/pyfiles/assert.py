"""assert: a check that raises AssertionError when it fails.

Teachers write their expectations as asserts: a true one does nothing
but evaluate its test; a false one raises, with its message (any
object) as the exception's argument, which the exception keeps."""
import sys


class Node:
    def __init__(self, value):
        self.value = value


a = Node(1)
b = a
assert sys.getrefcount(a) == 3
assert a is b, "a and b are one object"
data = [a]
assert len(data) == 1, f"expected one, got {len(data)}"
try:
    assert a is not b, "they differ"
except AssertionError as e:
    print("caught:", e, e.args)
try:
    assert data == [], ["the message", "can be any object", data]
except AssertionError as e:
    print(len(e.args[0]), e.args[0][2] is data)
    kept = e
print(sys.getrefcount(data))
del kept
print(sys.getrefcount(data))


def check(x):
    assert x, "empty"
    return len(x)


try:
    check([])
except AssertionError as e:
    print(repr(e), e.__traceback__ is not None)
try:
    assert 0
except AssertionError as e:
    print(repr(e), e.args)
print(check([1, 2]))
