"""One list stored in two containers.

A change through either shows in both: there is only one list."""
import sys
tags = ['new']
post = {'title': 'Hi', 'tags': tags}
index = [tags]
tags.append('hot')
print(post['tags'], index[0])
print(sys.getrefcount(tags))
del tags
post['tags'].append('old')
print(index)
