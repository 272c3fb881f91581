class Node:
    pass

print(Node.__qualname__)
