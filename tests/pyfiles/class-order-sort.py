"""sorted(), list.sort(), min() and max() ask the class's __lt__, in
CPython's order.

A short list is sorted by binary insertion after the run it starts with:
each new card is compared with the middle of the sorted ones, then the
middle of the half it belongs in.  Every question is item < item, so a
printing __lt__ shows the whole conversation.  While the sort runs the list
is empty (its items are held by the sort), so a card counts one reference
less than a name and the list give it.  min() keeps the best so far and
asks each new item item < best; max() asks item > best, which a class
with only __lt__ answers as best < item."""
import sys


class Card:
    def __init__(self, rank):
        self.rank = rank

    def __lt__(self, other):
        print("  is", self.rank, "<", other.rank, "?",
              sys.getrefcount(self), sys.getrefcount(other))
        return self.rank < other.rank


def ranks(cards):
    return [c.rank for c in cards]


hand = [Card(7), Card(2), Card(9), Card(4), Card(4), Card(1)]
hand.sort()
print(ranks(hand))
hand.sort()
print(ranks(hand))
down = [Card(5), Card(3), Card(3), Card(2), Card(8), Card(6)]
up = sorted(down)
print(ranks(up), ranks(down))
print(sorted([Card(1)])[0].rank, len(sorted([])))
low = min(hand)
high = max(hand)
print(low.rank, high.rank)
print(min(Card(3), Card(1), Card(2)).rank)
print(max(Card(3), Card(1), Card(2)).rank)
print(max(Card(r) for r in [6, 9, 9, 5]).rank)
print(sys.getrefcount(low), sys.getrefcount(high))
