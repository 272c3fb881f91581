"""return ends the function at once, from inside a loop too."""
def first_negative(values):
    for v in values:
        if v < 0:
            return v
    return None
print(first_negative([3, -1, -5]))
print(first_negative([1, 2]))
def contains(items, target):
    i = 0
    while i < len(items):
        if items[i] == target:
            return True
        i += 1
    return False
print(contains([5, 6], 6), contains([5, 6], 7))
