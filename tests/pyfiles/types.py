"""type(x) is the type object of x: int, str, list are objects too,
shared by the whole interpreter (CPython's built-in types are static)."""
import sys
n = 1000
t = type(n)
print(t, t is int, type(t), type(t) is type)
print(type("a"), type(2.5), type(True), type(None), type([]))
print(type(()), type({}), type(set()), type(range(3)))
words = {"a": 1}
print(type(words.keys()), type(iter(words)), type(iter([])), type(iter("x")))
print(type(enumerate([])), type(zip()), type(reversed([])), type(reversed("ab")))
print(type(n) == int, type(n) is not str, type("x") is str)
kinds = [int, str, type(n)]
print(kinds, kinds[0] is kinds[2], sys.getrefcount(n))
same = type(1) is type(2) is int
print(same, isinstance(n, int), isinstance(t, type))
def f():
    pass
print(type(f), type(type), type(len("x")))
kind = type(n)
print(isinstance(True, kind), isinstance("s", kind), isinstance(n, (str, kind)))
print(isinstance(iter([]), type(iter([5]))), isinstance(t, type))
