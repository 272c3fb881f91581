"""append adds one item, extend adds each item of another list.

+ makes a new list; append and extend change this one."""
base = [1, 2]
same = base
base.append([3, 4])
print(base)
base.extend([5, 6])
print(base, same is base)
bigger = base + [7]
print(bigger is base, len(bigger), len(base))
