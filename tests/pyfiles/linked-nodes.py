"""A linked list made of two-item lists: [value, next].

Dropping the head drops the whole chain, one node after another."""
head = None
for v in [3, 2, 1]:
    head = [v, head]
print(head)
node = head
total = 0
while node is not None:
    total += node[0]
    node = node[1]
print(total)
head = head[1]
print(head)
head = None
