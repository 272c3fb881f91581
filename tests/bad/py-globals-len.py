names = len(globals())
