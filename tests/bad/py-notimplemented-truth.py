x = NotImplemented
if x:
    print(1)
