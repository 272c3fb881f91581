"""gc.disable() stops automatic collections; gc.collect() still works."""
import gc
gc.disable()
print(gc.isenabled())
loop = []
loop.append(loop)
del loop
print(gc.collect())
gc.enable()
print(gc.isenabled())
