"""repr shows the object as code; str shows it for people.

For a str the two differ by the quotes."""
word = 'hi'
print(str(word), repr(word))
items = ['a', 1, 2.0, None]
print(str(items))
print(repr(items) == str(items))
quote = "it's"
print(repr(quote))
