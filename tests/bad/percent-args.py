"""Two conversions need two arguments."""
n = 5
s = "%d and %d" % (n,)
