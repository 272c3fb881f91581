"""global lets a function rebind a module name.

Without it, an assignment inside the function makes a local."""
counter = 0
def increment():
    global counter
    counter = counter + 1
increment()
increment()
print(counter)
def shadow():
    counter = 100
    return counter
print(shadow(), counter)
