"""Functions calling functions: each call a frame on the stack.

Locals of different frames with the same name are different names."""
def inner(x):
    y = x * 2
    return y
def middle(x):
    y = inner(x) + 1
    return y
def outer(x):
    y = middle(x) * 10
    return y
print(outer(1))
print(outer(5))
