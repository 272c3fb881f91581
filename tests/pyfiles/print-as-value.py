"""print is an object too: a built-in function, shared.

A name can hold it, a list can hold it, and calling it through any of
them prints the same.  It is the interpreter's own object, made before
the program ran, and every use of it is the same one."""
say = print
say("hello", 1)
things = [print, say]
print(things[0] is things[1], type(say), say)
say()
