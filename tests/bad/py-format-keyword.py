x = "{who}".format(1)
