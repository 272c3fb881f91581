"""A closure that holds a list holding the closure.

f -> __closure__ -> cell -> list -> f: four objects in a cycle, which
only the collector frees."""
import gc
def make():
    box = []
    def f():
        return len(box)
    box.append(f)
    return f
f = make()
print(f())
del f
print(gc.collect())
