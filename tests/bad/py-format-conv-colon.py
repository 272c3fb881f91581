x = "{!rr}".format(1)
