"""Which strings are shared.

String constants that look like names are interned: the module keeps
one object for each.  Strings built at run time are new objects,
except the empty string and single characters."""
greeting = 'hello'
again = 'hello'
print(greeting is again)
# expect: greeting is again
# built by concatenation at run time
part = 'hel'
built = part + 'lo'
print(built == greeting, built is greeting)
# expect: built is not greeting
# one character: always the shared object
letter = greeting[0]
print(letter is 'h'[0])
empty = greeting[5:]
print(empty == '', len(empty))
# a constant with a space is still one object within one module
phrase = 'hello world'
same = 'hello world'
print(phrase is same)
