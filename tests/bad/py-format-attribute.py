x = "{0.real}".format(1)
