"""next() past the end raises StopIteration, which a try can catch."""
import sys
letters = ["a", "b"]
it = iter(letters)
while True:
    try:
        ch = next(it)
    except StopIteration as stop:
        print("done", stop.args, repr(stop))
        break
    print(ch)
print(sys.getrefcount(letters))
g = (x * 2 for x in [1])
print(next(g))
try:
    next(g)
except StopIteration:
    print("generator ended")
print("end")
