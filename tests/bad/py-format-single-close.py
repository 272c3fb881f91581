x = "a}b".format()
