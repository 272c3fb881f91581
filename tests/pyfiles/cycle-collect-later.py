"""Reference counting frees most objects at once; cycles wait.

The plain list dies on del; the cyclic pair waits for gc.collect()."""
import gc
plain = [1, 2, 3]
a = [1]
b = [a]
a.append(b)
del plain
del a, b
print(gc.collect())
