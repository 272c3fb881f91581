"""Per-version expects: a range backwards."""
x = []
# expect[3.14-3.12]: refcount(x) == 1
