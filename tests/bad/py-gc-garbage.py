import gc
print(gc.garbage)
