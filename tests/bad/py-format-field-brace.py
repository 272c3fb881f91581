x = "{a{}".format(1)
