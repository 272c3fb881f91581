x = "{0!\x01}".format(1)
