import gc
a = []
print(gc.get_referrers(a))
