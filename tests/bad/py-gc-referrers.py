import gc
x = gc.get_referrers([])
