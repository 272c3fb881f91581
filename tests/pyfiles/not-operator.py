"""not returns True or False, whatever its operand is."""
empty = []
full = [0]
print(not empty, not full)
print(not None, not 0, not 'text')
flag = not not full
print(flag, flag is True)
x = 5
print(not x > 3, not (x > 3 and x < 10))
