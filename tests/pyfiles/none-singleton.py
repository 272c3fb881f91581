"""None is one object.

Every function that returns nothing returns that one None."""
def nothing():
    pass
a = nothing()
b = None
print(a is b, a is None)
results = [nothing(), nothing()]
print(results[0] is results[1])
def maybe(flag):
    if flag:
        return 'yes'
print(maybe(True), maybe(False))
