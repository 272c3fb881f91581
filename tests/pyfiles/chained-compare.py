"""Chained comparisons: a < b < c means a < b and b < c.

The middle operand is evaluated once."""
def mid():
    print('mid evaluated')
    return 5
print(1 < mid() < 10)
print(1 < 2 > 3)
x = 7
print(0 <= x < 10, 10 < x <= 20)
print(1 == 1.0 == True)
a = [1]
b = a
print(a is b is a, a == [1] != [2])
