"""Predict, then see."""
a = [1000]
b = a
pair = [a, [2000]]
del a, b
del pair
print(len('abc'))
