"""Recursion over a list: each call slices off the first item.

Every slice is a new list, alive while the call that made it runs."""
def total(items):
    if not items:
        return 0
    rest = items[1:]
    return items[0] + total(rest)
numbers = [5, 10, 15, 20]
print(total(numbers))
# the slices are gone: only numbers remains
print(numbers)
