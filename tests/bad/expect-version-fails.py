"""Per-version expects: one that fails on the version run."""
x = []
# expect[3.11]: refcount(x) == 2
