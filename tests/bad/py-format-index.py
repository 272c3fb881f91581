x = "{} {}".format(1)
