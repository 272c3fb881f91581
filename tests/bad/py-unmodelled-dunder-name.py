class Node:
    pass

print(Node.__name__)
