x = "{!r".format(1)
