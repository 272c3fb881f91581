"""A class that defines __eq__ and not __hash__ cannot be hashed.

The class gets __hash__ = None, so a set or a dict refuses its instances
with a TypeError (3.14 says where it was to go); a list, too, cannot be a
key.  Each error is caught, and nothing was added."""


class Tag:
    def __init__(self, name):
        self.name = name

    def __eq__(self, other):
        return self.name == other.name


class Label(Tag):
    __hash__ = None


print(Tag.__hash__, Label.__hash__)
t = Tag("red")
seen = {"blue"}
table = {}
for key in (t, Label("x"), ["red"], ("red", t), "green"):
    try:
        seen.add(key)
        table[key] = len(table)
    except TypeError as e:
        print("not hashable:", e)
    try:
        print(key in seen)
    except TypeError as e:
        print("not looked up:", e)
print(seen, table)
