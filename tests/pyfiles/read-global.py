"""Reading a module name from inside a function needs no declaration.

The function sees the object the name refers to when it runs, not
when it was defined."""
limit = 10
def check(v):
    return v < limit
print(check(5))
limit = 3
print(check(5))
settings = {'debug': False}
def enable():
    # mutating a global object needs no global statement
    settings['debug'] = True
enable()
print(settings)
