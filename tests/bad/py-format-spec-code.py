x = "{:x}".format("s")
