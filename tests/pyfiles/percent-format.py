"""printf-style formatting: str % args.

Each result is a new str, but "%s" % s is s and a one-character result is shared."""
n = 5
s = 'hello'
f = 2.5
big = 1000
a = "%s" % s
b = "%d items" % n
c = "%s/%s" % (s, n)
d = "%r and %5.2f|%-6d|%06.1f|%+d|%x|%X|%o|%e|%g|%%" % (s, f, n, -f, n, 255, 255, 8, f, 1e-5)
e = "%d" % n
g = "%s" % n
h = "%s" % (s,)
k = "%.3s|%10s|%-10s|" % (s, s, s)
m = "no args" % ()
o = "%d" % 2.7
p = "x" % []
q = "%s" % [1, 'a']
print(a, b, c, d, e, g, h, k, m, o, p, q)
same = a is s
shared = e is '5'
r = "%s-%s" % ('', '')
t = "%s" % ''
print(same, shared, h is s, r, t, len(t))
del a, h
w = "%s%s" % ('', s)
x = "%s%s" % (s, '')
print(w is s, x is s, "plain" % {})
y = "%5s" % s
z = "%s" % 2.5
print(y is s, "%.2s" % s, "%s" % 7, "%3d" % 5, "%-3s|" % 'ab')
# diff: not 3.14 (3.14 makes a new one-character str of a % format; not modelled)
