"""A counter made with nonlocal.

The count lives in a cell: make_counter's frame and the inner function's
__closure__ both hold it, so it outlives the call that made it."""
import sys
def make_counter():
    count = 0
    def increment():
        nonlocal count
        count += 1
        return count
    return increment
tick = make_counter()
# expect: refcount(tick) == 1
print(tick(), tick(), tick())
other = make_counter()
# each call made its own cell: the two counters count apart
print(other(), tick())
print(sys.getrefcount(tick))
