"""A list used as a stack: append pushes, pop takes the last.

Each popped object is handed back to the caller."""
stack = []
stack.append('a')
stack.append('b')
stack.append(['c'])
top = stack.pop()
print(top, stack)
stack.pop()
print(stack, len(stack))
while stack:
    print('popped', stack.pop())
print(stack)
