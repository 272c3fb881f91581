"""Comparing two new objects: both die when the comparison ends.

COMPARE_OP drops its left operand first, then its right; __eq__'s frame
held them too, and let them go when it returned."""


class Card:
    def __init__(self, rank):
        self.rank = rank

    def __eq__(self, other):
        print("comparing", self.rank, other.rank)
        return self.rank == other.rank

    def __del__(self):
        print("freed", self.rank)


print(Card(10) == Card(10))
print(Card(2) != Card(3))
hand = [Card(1), Card(2)]
print(Card(2) in hand)
del hand
print("end")
