# refscope: python 3.14
import gc
a = []
gc.collect(0)
x = gc.get_referrers(a)
