"""Values are not updated

Rebinding moves a name to another object; x = x + 1 makes a new int, and
the old one is freed once nothing holds it."""
# refscope: section "2. Rebinding"

# 1000 is written in this file: it is a constant. When Python compiles a
# file it makes one object for each constant, and the compiled code keeps
# a reference to it for as long as the program runs; so does the parsed
# file, which python3 keeps until the program ends (the box says
# "+2 consts"). Binding the name x adds another reference.
x = 1000

# Let's put a second name, keep, on the same object, so that we can
# still see it after x moves. Same object, one more reference.
keep = x
# expect: keep is x

# x + 1 does not change the 1000 object: ints never change. Python makes
# a brand-new int, 1001, and then points x at it. The two names now point
# at two different objects.
x = x + 1
# ask: x is keep
# answer: False
# expect: x is not keep
# expect: refcount(x) == 1
# pause

# keep still sees the old value, 1000. Nothing was updated; only the name
# x was moved to another object.
print(x, keep)

# Now we remove the name keep. The 1000 object is not freed: the file's
# code still holds it, as a constant, for the whole run.
del keep
# expect: freed == 0
# expect: alive(x)
# pause

# Again a new object, 1002, is made and x is moved onto it. No other name
# and no code was holding 1001, so its count drops to 0 and it is freed in
# the same step.
x = x + 1
# expect: freed == 1
# expect: refcount(x) == 1

# x += 1 is just a shorter way to write x = x + 1 for an int: a new
# object, 1003, and the old one, 1002, freed. Only 1003 and the constant
# 1000 are alive.
x += 1
# expect: freed == 1
# expect: refcount(x) == 1
# pause
print(x)
