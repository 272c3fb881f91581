"""__eq__ gives no order.

A class that defines __eq__ alone still has no __lt__: comparing two of
its instances with < raises CPython's TypeError; a list of one sorts
without comparing."""


class Card:
    def __init__(self, rank):
        self.rank = rank

    def __eq__(self, other):
        return self.rank == other.rank


a = Card(1)
b = Card(2)
try:
    print(a < b)
except TypeError as e:
    print("no order:", e)
print(sorted([a])[0] is a)
