"""A slice bound must be an int or None."""
s = 'hello'
t = s['h':]
