x = "a{".format()
