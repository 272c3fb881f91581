"""f-strings: each field a new str, joined into a new one.

A str field without a spec is the str itself; f"{s}" is s."""
n = 5
s = 'hello'
f = 2.5
big = 1000
a = f"{s}"
b = f"{s:3}"
c = f"{s:10}|"
d = f"n={n} s={s!r} f={f:6.2f} big={big:>8} {{x}}"
e = f"{n:d}{f}{True}{None!r}{[1, 'a']}"
g = f"{n}"
h = f"{big:x}"
k = f"{'%' + s:^9}"
m = f'{f:e} {f:%} {-big:+08d} {n:*<4}'
print(a, b, c, d, e, g, h, k, m)
print(a is s, b is s, f"{s!s}" is s, f"" == '')
t = (1000, 'x')
u = f"{t} {t!r}"
v = f"{s[1:3]}-{len(s)}"
del a, b
