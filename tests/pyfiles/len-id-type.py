"""id, type and len read an object without changing it.

id() is the object's identity: equal for one object, different for two
alive at once."""
a = [1, 2, 3]
b = a
c = [1, 2, 3]
print(id(a) == id(b), id(a) == id(c))
print(isinstance(a, list), isinstance('s', str))
print(len(a), len('hello'), len({'k': 1}), len(()))
print(isinstance(a, list), isinstance(a, (tuple, dict)))
