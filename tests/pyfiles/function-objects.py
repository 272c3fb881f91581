"""A function is an object bound to a name.

Another name can refer to it, and it can be passed around."""
def greet(who):
    return 'hi ' + who
say = greet
print(say('Ann'), say is greet)
def apply(f, value):
    return f(value)
print(apply(greet, 'Bob'))
handlers = [greet, say]
print(handlers[0] is handlers[1])
