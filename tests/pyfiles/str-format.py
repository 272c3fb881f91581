"""str.format fills the replacement fields of a str: by position, by
number, by keyword; a spec after ':' as in f-strings; {{ and }} are
braces.  The result is a new str -- or, when the whole result is one str
written whole, that very str."""
import sys
name = "Ada"
age = 36
print("{} is {} years old".format(name, age))
print("{0} and {1}, {1} and {0}".format("tea", "cake"))
print("{who} likes {what}".format(who=name, what="maths"))
print("{0} {x}".format(1, x=2), "{{}} {{{}}}".format(3))
line = "{:>8}|{:<6}|{:^7}|{:08.3f}".format(name, age, "mid", 3.14159)
print(line, len(line))
print("{!r} {!s} {:5}!".format(name, name, True), "{:d} {}".format(True, None))
same = "{}".format(name)
print(same is name, sys.getrefcount(name))
padded = "{:3}".format(name)
print(padded is name)
plain = "no fields"
print(plain.format() is plain, plain.format(1, 2, k=3))
digit = "{}".format(7)
print(digit, "{}".format(12345), "{:x} {:o} {:e} {:%}".format(255, 8, 1234.5, 0.25))
r = "{!r}".format("hé")
print(r, "{}".format([1, "a"]), "{0}{0}".format(""), "é{}".format(""))
t = "{}".format(True)
print(t, "{}".format(None), t is "{}".format(True))
