import gc
print(gc.get_stats())
