"""A recursive function that builds nested lists.

Each level's list holds the next level's."""
def nest(depth):
    if depth == 0:
        return []
    return [nest(depth - 1)]
tower = nest(4)
print(tower)
def flatten(items, out):
    for x in items:
        if isinstance(x, list):
            flatten(x, out)
        else:
            out.append(x)
    return out
print(flatten([1, [2, [3, 4]], 5], []))
