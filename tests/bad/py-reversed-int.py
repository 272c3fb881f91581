r = reversed(5)
