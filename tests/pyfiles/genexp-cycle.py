"""A generator in a cycle: only the collector frees it."""
import gc
box = [[1], [2]]
gen = (item for item in box)
box.append(gen)
del box, gen
print(gc.collect())
box = [[3], [4]]
gen = (item for item in box)
print(next(gen))
box.append(gen)
del box, gen
print(gc.collect())
