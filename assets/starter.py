"""My first lesson: names point at objects.

One line for the catalog: what this lesson shows."""
# refscope: gc cpython
#
# This file is a refscope scenario and a Python program: `python3` runs
# it, and `refscope lesson.py` shows it line by line.  Each line that runs
# is a step.  The comments directly above a line are its narration.
#
# A new list is made and the name x is bound to it.
x = [1, 2]
# Binding another name to the same object adds a reference.
y = x
# `# expect:` under a line checks it once the line has run (the
# expect language of `refscope check`); `# pause` stops auto-play there.
# expect: x is y
# expect: refcount(x) == 2
# pause
#
# A function's lines are steps too, inside the call.
def pair(a, b):
    p = [a, b]
    return p
z = pair(x, y)  # a trailing comment narrates its line
print(z)
# del takes a name away; the list lives on while z holds it.
del x, y
