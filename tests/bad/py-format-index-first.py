x = "{5!x}".format()
