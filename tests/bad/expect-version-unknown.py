"""Per-version expects: a version not modelled."""
x = []
# expect[3.10+]: refcount(x) == 1
