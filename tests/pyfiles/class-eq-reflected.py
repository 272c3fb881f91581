"""== and != call __eq__, and which side's goes first.

a != b finds no __ne__ of Money's own: object.__ne__ calls __eq__ and turns
its answer (through a wrapper that holds both operands in tuples: the
counts inside __eq__ are higher).  A subclass's __eq__ goes first even on
the right.  With a plain object or an int the other side says
NotImplemented, so Money's __eq__ answers from either side."""
import sys


class Money:
    def __init__(self, cents):
        self.cents = cents

    def __eq__(self, other):
        print("Money.__eq__", self.cents, sys.getrefcount(self),
              sys.getrefcount(other))
        return isinstance(other, Money) and self.cents == other.cents


class Coin(Money):
    def __eq__(self, other):
        print("Coin.__eq__", self.cents)
        return self.cents == other.cents


class Plain:
    pass


a = Money(5)
b = Money(5)
c = Coin(5)
x = Plain()
print(a != b)
print(a == c)
print(c == a)
print(x == a)
print(a == 5000)
print(5000 == a)
print(a != x)
print([a] is [a])
print(sys.getrefcount(a), sys.getrefcount(b))
