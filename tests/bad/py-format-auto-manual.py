x = "{}{0}".format(1)
