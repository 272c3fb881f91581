x = "{!a}".format("e")
