"""A recursive function: every call its own frame.

Each frame holds its own n; the list grows from the deepest call up."""
def countdown(n, acc):
    if n:
        acc.append([n])
        countdown(n - 1, acc)
    return acc
out = countdown(3, [])
print(out)
def depth(items):
    total = 0
    while items:
        total += 1
        if len(items) - 1:
            items = items[0]
        else:
            items = []
    return total
print(depth([[[]], 1]))
