"""Two names, one dict; copy() makes a second dict.

The copy is shallow: the values are shared."""
config = {'size': [10, 20], 'name': 'box'}
same = config
other = config.copy()
same['name'] = 'crate'
print(config['name'], other['name'])
other['size'].append(30)
print(config['size'])
# expect: other['size'] is config['size']
# expect: other is not config
