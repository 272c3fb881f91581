"""raise ... from: an exception that says what caused it.

The cause is held by the new exception as its __cause__; the exception
being handled is its __context__ too, so the old one lives as long as the
new one does.  `from None` sets no cause."""
import sys


class Config:
    def __init__(self, text):
        self.text = text


def parse(text):
    try:
        return int(text)
    except ValueError as e:
        raise RuntimeError("bad config") from e


try:
    parse("x")
except RuntimeError as err:
    print(repr(err), repr(err.__cause__))
    print(err.__cause__ is err.__context__)
    kept = err
print(sys.getrefcount(kept.__cause__))
try:
    try:
        {}["k"]
    except KeyError:
        raise ValueError("missing") from None
except ValueError as err2:
    print(err2.__cause__, repr(err2.__context__))
try:
    raise KeyError("a") from IndexError
except KeyError as err3:
    print(repr(err3.__cause__))
kept = None
print("end")
