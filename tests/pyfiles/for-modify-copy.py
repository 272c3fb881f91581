"""Removing from a list while looping over it skips items.

Loop over a copy instead."""
nums = [1, 2, 2, 3]
for n in nums:
    if n == 2:
        nums.remove(n)
print(nums)
nums = [1, 2, 2, 3]
for n in nums[:]:
    if n == 2:
        nums.remove(n)
print(nums)
