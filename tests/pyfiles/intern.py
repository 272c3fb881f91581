"""sys.intern makes a str the interned one: equal strs interned later are
that same object.  An interned str is shared, like the compiler's
identifier-like constants."""
import sys
hello = "hello"
a = hello + " world"
b = hello + " world"
print(a == b, a is b)
c = sys.intern(b)
print(c is b, sys.getrefcount(b))
d = sys.intern(hello + " world")
print(d is b, d is a)
e = sys.intern(a)
print(e is a, e is b)
spam = "spam"
name = "".join(["sp", "am"])
print(name is spam)
f = sys.intern(name)
print(f is name, f is spam)
xa = "xa"
letter = xa[1]
g = sys.intern(letter)
a_const = "a"
print(g is letter, g is a_const)
ea = "éa"
h = sys.intern(ea[0])
print(h is ea[0], sys.intern(ea[1:1]) is ea[2:])
k1 = sys.intern(str(12345))
k2 = sys.intern(str(12345))
print(k1 is k2, k1)
shout = sys.intern(hello + "!")
print(shout, sys.intern(hello + "!") is shout, sys.getrefcount(shout))
