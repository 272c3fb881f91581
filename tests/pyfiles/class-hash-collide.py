"""Keys whose hashes collide: a lookup asks __eq__ of each stored key with
the same hash, in the order the table's probe meets them.

Word hashes by its length, so "ant", "bee" and "cat" share a hash.  A dict
probe meets them in the order they went in: looking "cat" up asks the
stored "ant", then "bee", then finds "cat".  A key that is the stored
object itself needs no __eq__, and keys of another hash are never asked.
hash() never gives -1 (CPython's error value): a __hash__ that returns -1
gives -2, and True counts as the int 1.  Odd defines __hash__ alone and
keeps object's equality: two Odd(5) are two keys, found by identity."""
import sys


class Word:
    def __init__(self, text):
        self.text = text

    def __eq__(self, other):
        print("   ", self.text, "==", other.text, "?")
        return self.text == other.text

    def __hash__(self):
        return len(self.text)


class Tagged(Word):
    pass


class Odd:
    def __init__(self, h):
        self.h = h

    def __hash__(self):
        print("    hash of Odd", self.h)
        return self.h


ant, bee, cat, dog = Word("ant"), Word("bee"), Word("cat"), Word("dog")
counts = {ant: 1, bee: 2, Word("fox"): 3}
print("cat in counts:", cat in counts)
print("ant in counts:", ant in counts)
counts[cat] = 4
print(len(counts), counts[Word("cat")])
print("ox:", Word("ox") in counts)
del counts[bee]
pets = {ant, cat}
pets.add(Tagged("cat"))
pets.add(dog)
print(len(pets), Tagged("dog") in pets)
pets.discard(Word("ant"))
print(len(pets))
print(hash(Odd(-1)), hash(Odd(True)), hash(Odd(7)))
one = Odd(5)
same = {one: "x", Odd(5): "y"}
print(len(same), same[one], sys.getrefcount(one))
