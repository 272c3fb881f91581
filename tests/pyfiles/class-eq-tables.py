"""Comparing dicts and sets asks the __eq__ of what they hold.

d == e takes d's entries in order, looks each key up in e by the hash d
stored for it (no __hash__ runs), and compares the two values with ==
(no call when they are one object).  s == t looks each member of s up in
t the same way, which asks __eq__ of the members of t with its hash.
Building a set or a dict from keys whose hashes collide compares them
too: the display and the comprehension hold the new key (3.14's take the
stack's reference, one less), and a dict holds key and value."""
import sys


class Coin:
    def __init__(self, cents):
        self.cents = cents

    def __eq__(self, other):
        print("   ", self.cents, "==", other.cents,
              sys.getrefcount(self), sys.getrefcount(other))
        return self.cents == other.cents

    def __hash__(self):
        return self.cents % 3


a, b = Coin(1), Coin(4)
print({"k": a, "j": b} == {"j": Coin(4), "k": Coin(1)})
print({"k": a} != {"k": a}, {"k": a} == {"k": a, "x": b})
print({a: 1} == {Coin(1): 1})
print({a, b} == {Coin(4), Coin(1)})
print({a, b} != {a, Coin(7)})
print([{1: a}] == [{1: Coin(1)}])
built = {Coin(x) for x in (4, 1)}
keyed = {Coin(4): "four", Coin(1): "one"}
made = {Coin(x): x for x in (4, 1)}
print(len(built), len(keyed), len(made), sys.getrefcount(a))
