"""List methods change the list in place and return None.

sorted() makes a new list; .sort() reorders this one."""
nums = [30, 10, 20]
result = nums.sort()
print(nums, result)
backwards = sorted([3, 1, 2])
print(backwards, nums)
nums.reverse()
print(nums)
print(nums.index(20), nums.count(10))
copy = nums.copy()
print(copy == nums, copy is nums)
nums.insert(0, 5)
popped = nums.pop()
print(nums, popped)
nums.remove(20)
print(nums)
