"""Two names, one constant.

In a file, equal constants are one object."""
# refscope: gc cpython
# a is bound to 257
a = 257
b = 257  # the same constant
# expect: a is b
# expect: refcount(a) == 4
i = 3
while i:
    i -= 1
    if i - 1:
        pass
    elif a - 257:
        i = 3
    else:
        continue
    x = [i]
n = 0
while True:
    n += 1
    if n - 1:
        break
def f(a, c):
    b = [a, c]
    if c:
        return b
    d = 2
f(1, 0); y = f(2, 3)
print(y)
