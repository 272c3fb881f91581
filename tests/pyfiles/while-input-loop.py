"""A while loop over a list of commands, stopping at 'quit'.

The loop's state is a position name rebound each pass."""
commands = ['add', 'add', 'undo', 'quit', 'add']
pos = 0
total = 0
while True:
    cmd = commands[pos]
    pos += 1
    if cmd == 'quit':
        break
    elif cmd == 'add':
        total += 1
    else:
        total -= 1
print(total, pos)
