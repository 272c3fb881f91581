"""An exception keeps what it was raised with.

raise ValueError(order) puts the Order in the exception's args: the
exception is one more owner of it, beside ship()'s local order, which
lives on in the frame the traceback keeps.  The Order dies with the
exception, at the end of the except block."""
import sys


class Order:
    def __init__(self, number):
        self.number = number

    def __del__(self):
        print("del order", self.number)


def ship(number):
    order = Order(number)
    raise ValueError(order)


try:
    ship(7)
except ValueError as e:
    print(e.args[0].number)
    # two owners: the args tuple, and ship()'s finished frame (its local
    # order); the third is getrefcount's argument
    print(sys.getrefcount(e.args[0]))
print("after the block")
