"""Slices of a list are new lists.

The items are shared with the original; the list around them is new."""
import sys
nums = [1000, 2000, 3000, 4000, 5000]
head = nums[:2]
tail = nums[3:]
every_other = nums[::2]
backwards = nums[::-1]
print(head, tail, every_other, backwards)
print(head[0] is nums[0])
print(sys.getrefcount(nums[0]))
empty = nums[10:]
print(empty)
