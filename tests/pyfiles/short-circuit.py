"""and / or stop as soon as the answer is known.

They return one of their operands, not necessarily a bool."""
def loud(v):
    print('evaluated', v)
    return v
r1 = loud(0) and loud(1)
print(r1)
r2 = loud(5) or loud(6)
print(r2)
name = '' or 'anonymous'
print(name)
items = [] or [1, 2]
print(items)
both = [1] and [2]
print(both)
