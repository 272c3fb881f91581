"""A dict in a cycle with a list.

The collector counts every object of the cycle it frees."""
import gc
node = {'name': 'a'}
edges = [node]
node['edges'] = edges
del node, edges
print(gc.collect())
# nothing left to collect the second time
print(gc.collect())
