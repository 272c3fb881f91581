x = "{:d}".format([])
