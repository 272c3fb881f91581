x = "{!".format(1)
