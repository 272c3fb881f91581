"""in and not in: searching a container.

A list is searched item by item with ==; a dict and a set look the
key up by its hash."""
fruits = ['apple', 'pear', 'fig']
print('pear' in fruits, 'kiwi' not in fruits)
ages = {'ann': 31, 'bob': 27}
print('ann' in ages, 31 in ages)
seen = {1, 2, 3}
print(2 in seen, 4 in seen)
print('ell' in 'hello', 'z' not in 'hello')
nested = [[1], [2]]
print([2] in nested)
print(1000 in (1000, 2000))
