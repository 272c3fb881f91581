"""A lone } in an f-string is CPython's SyntaxError."""
n = 5
s = f"{n}}"
