"""Functions defined in the file.

Their lines are nested steps; a def line makes the function object."""
def pair(x, y):
    p = [x, y]
    return p
def grow(items, n):
    while n:
        items.append([n])
        n -= 1
    return None
box = pair(300, 'word')
# expect: refcount(box) == 1
grow(box, 2)
print(len(box))
def show(v):
    print(v)
show(box); show(pair)
box = 0
