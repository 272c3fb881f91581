x = "{:{}}".format(1, 2)
