"""Swapping two names without a temporary.

a, b = b, a moves the names; the objects do not move."""
left = [1]
right = [2]
l_before = left
left, right = right, left
print(left, right)
# expect: right is l_before
x = 'first'
y = 'second'
x, y = y, x
print(x, y)
