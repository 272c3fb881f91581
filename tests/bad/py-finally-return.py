def f():
    try:
        x = 1
    finally:
        return 2


f()
