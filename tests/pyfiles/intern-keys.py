"""Interned strs as dict keys: a key built at run time and interned is
the constant key itself."""
import sys
d = {"alpha": 1}
part = "al"
key = sys.intern(part + "pha")
print(key is list(d)[0], d[key])
built = part + "pha"
print(built is key, sys.intern(built) is key)
names = []
for piece in ["be", "ta"]:
    names.append(piece)
joined = sys.intern("".join(names))
print(joined, joined is sys.intern("beta"))
