"""What is shared and what is not

Small ints and identifier-like strings are shared; in a file, equal
constants are one object too, while values computed as it runs are new
objects."""
# refscope: section "3. Shared objects"

# CPython keeps one ready-made object for every small int from -5 to 256,
# made when Python starts. a = 100 does not make a new object: a is bound
# to that shared one. Shared objects are marked "cached" and are not
# counted as your program's heap.
a = 100

# Another 100 on another line: b gets the very same shared object. Both
# names point at one object.
b = 100
# expect: a is b
# pause

# 1000 is too big for the small-int cache. It is a constant of this file:
# Python made the object when it compiled the file, before the first line
# ran, and the compiled code and the parsed file hold it; x is one more
# reference. (The file's other constants that are not shared, 'hello
# world' and 2000 of the lines below, are there already too: three
# objects.)
x = 1000
# expect: heap == 3

# A second 1000 in the same file is the same constant: Python compiles
# the whole file at once and keeps one object for equal constants. So x
# and y are one object.
y = 1000
# ask: x is y
# answer: True
# expect: x is y
# expect: heap == 3
# pause

# A value computed while the program runs is a new object, even when it
# is equal: x * 1 is 1000 again, but another object than x's.
z = x * 1
# expect: z is not x
# expect: refcount(z) == 1
# expect: heap == 4
print(z == x, z is x)
# pause

# A string literal that looks like a Python name (letters, digits,
# underscores) is interned: CPython keeps one shared copy of it for the
# whole program, in every file and at the prompt.
s = 'hello'
t = 'hello'
# expect: s is t

# 'hello world' has a space, so it is not interned. But written twice in
# one file, it is one constant, so u and v are one object.
u = 'hello world'
v = 'hello world'
# expect: u is v

# Built as the program runs, the same text is a new object: equal text,
# different objects.
w = ' '.join(['hello', 'world'])
# expect: w is not u
# expect: refcount(w) == 1
print(w == u, w is u)
# pause

# Inside one line it is the same story: both slots of this list hold the
# one constant 2000.
# Sharing depends on how objects are made, not on their values. (At the
# interactive prompt each line is compiled on its own: x = 1000 and y =
# 1000 typed on two lines there give two objects.)
pair = [2000, 2000]
# expect: pair[0] is pair[1]
