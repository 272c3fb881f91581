t = type()
