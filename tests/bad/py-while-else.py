x = 1
while x:
    x = 0
else:
    pass
