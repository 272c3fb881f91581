"""A return in a finally: block replaces the value already returning.

The try: block returns a list, but the finally: block returns again:
the pending list is dropped where the second return runs, so only the
tuple reaches the caller."""
import sys


class Tag:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("dropped", self.name)


def twice():
    first = [Tag("pending")]
    try:
        return first
    finally:
        del first
        print("finally runs")
        return (Tag("final"),)


answer = twice()
print(type(answer).__name__, len(answer))
print(sys.getrefcount(answer))
answer = None
