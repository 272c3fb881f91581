"""A function can make a cycle that outlives its call.

The locals die at return; the cycle they built stays, unreachable."""
import gc
def make_cycle():
    x = []
    y = [x]
    x.append(y)
    return len(x)
make_cycle()
make_cycle()
print(gc.collect())
