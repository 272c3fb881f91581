"""Assigning to a slice changes the list in place.

The list keeps its identity; items go in and out of it."""
nums = [0, 1, 2, 3, 4]
alias = nums
nums[1:3] = [10, 20, 30]
print(nums, alias is nums)
nums[:] = []
print(alias)
letters = list('abcdef')
letters[::2] = ['X', 'Y', 'Z']
print(letters)
del letters[1::2]
print(letters)
