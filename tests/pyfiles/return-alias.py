"""A function can return the object it was given.

No copy is made: the caller gets the same object back."""
def same(x):
    return x
def first(items):
    return items[0]
box = [[10], [20]]
back = same(box)
print(back is box)
# expect: back is box
head = first(box)
head.append(11)
print(box)
# expect: head is box[0]
