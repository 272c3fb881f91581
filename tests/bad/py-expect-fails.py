x = 1
# expect: refcount(x) == 5
