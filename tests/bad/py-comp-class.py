class C:
    xs = [i for i in range(3)]
