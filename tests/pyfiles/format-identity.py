"""str.format gives back the very str when the whole result is that one
str; otherwise a new str."""
import sys
word = "teacher"
a = "{}".format(word)
b = "{0}".format(word)
c = "{w}".format(w=word)
print(a is word, b is word, c is word, sys.getrefcount(word))
d = "{}!".format(word)
e = "{:>10}".format(word)
f = "{!s}".format(word)
print(d, e, f is word)
template = "plain"
g = template.format()
h = "{{}}".format()
print(g is template, h)
one = "{}".format("x")
empty = "{}".format("")
print(one, len(empty), "{}{}".format("a", "b"))
