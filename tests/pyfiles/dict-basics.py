"""A dict holds references to its keys and values.

Storing an object in a dict is one more reference to it."""
import sys
scores = {}
ann = [90, 85]
scores['ann'] = ann
print(sys.getrefcount(ann))
scores['bob'] = [70]
print(len(scores), scores['ann'] is ann)
scores['ann'] = [100]
# the dict no longer refers to the old list
print(sys.getrefcount(ann))
del scores['bob']
print(scores)
print(scores.get('zed'), scores.get('zed', 'none'))
