"""What a comprehension lets go when it ends, and in which order."""
class Tag:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("bye", self.name)

names = [Tag(n).name for n in ["a", "b", "c"]]
print(names)
kept = [t for t in [Tag("x"), Tag("y")]]
print(len(kept))
del kept
pairs = {t.name: t for t in [Tag("p"), Tag("q"), Tag("p")]}
print(sorted(pairs))
del pairs
print("end")
