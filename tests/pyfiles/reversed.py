"""reversed: a list gives a list_reverseiterator, a tuple or a str the
generic reversed object, a range a range_iterator going down."""
import sys
nums = [1000, 2000, 3000]
for n in reversed(nums):
    print(n, sys.getrefcount(nums))
r = reversed(nums)
print(next(r), sys.getrefcount(nums), r)
print(list(r), sys.getrefcount(nums), next(r, "end"))
t = reversed(("a", "b"))
print(next(t), t)
print(list(t), next(t, None))
print(list(reversed("héllo")), "".join(reversed("abc")))
print(list(reversed(range(10))), list(reversed(range(1, 20, 4))))
print(list(reversed(range(0))), list(reversed([])))
down = reversed(range(3))
print(next(down), down)
