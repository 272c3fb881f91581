"""__lt__ that answers NotImplemented: Python asks the other side, then gives up

An ordering method that does not know the other operand returns
NotImplemented; Python then asks the other operand's reflected method
(> for <), and when nobody answers, raises TypeError."""
import sys


class Money:
    def __init__(self, cents):
        self.cents = cents

    def __lt__(self, other):
        if not isinstance(other, Money):
            return NotImplemented
        return self.cents < other.cents


a = Money(5)
print(a < Money(7))
# Money has no __gt__: Python swaps the operands and asks a.__lt__(Money(9))
# instead.
print(Money(9) > a)
try:
    print(a < 5)
except TypeError as e:
    print("TypeError:", e)
print(sys.getrefcount(a))
