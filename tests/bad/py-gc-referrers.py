import gc
s = "not an identifier"
x = gc.get_referrers(s)
