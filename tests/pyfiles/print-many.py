"""print takes any number of objects and separates them by spaces.

Each object is written as str() writes it; print itself returns None."""
print('a', 'b', 'c')
print(1000, 2.5, None, True)
result = print()
print(result)
print([1, [2, [3]]], (4,), {'k': 'v'})
