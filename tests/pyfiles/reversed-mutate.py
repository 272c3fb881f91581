"""A list_reverseiterator reads the list as it is at each step: items
removed behind it end the walk early."""
nums = [1000, 2000, 3000, 4000]
r = reversed(nums)
print(next(r))
nums.pop()
nums.pop()
print(next(r, "past the end"))
again = reversed(nums)
nums.append(5000)
print(list(again))
word = "abc"
w = reversed(word)
del word
print(next(w), list(w), next(w, None))
