"""A function raises, its caller catches.

The exception leaves parse() and travels up to the module, where the
except clause catches it.  On the way, the traceback records each frame
it left: the module's, then parse()'s, which has finished but whose frame
object lives on, holding parse()'s locals."""
import sys


def parse(words):
    numbers = []
    for w in words:
        numbers.append(int(w))
    return numbers


data = ["1", "2", "three"]
print(parse(data[:2]))
print(sys.getrefcount(data))
try:
    parse(data)
except ValueError as e:
    # parse() has returned (by raising), but its frame is kept: it holds
    # its parameter words, so data has one reference more here
    print(sys.getrefcount(data))
    print(e.args)
# the exception, its traceback and parse()'s frame are gone
print(sys.getrefcount(data))
