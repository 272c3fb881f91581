"""A function rebinds a module name.

global makes the name the module's: the old object loses a reference."""
count = 1000
history = []
def bump(step):
    global count
    history.append(count)
    count = count + step
bump(1); bump(2)
print(count, history)
def reset():
    global count, history
    count = 0; history = []
reset()
