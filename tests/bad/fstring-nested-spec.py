"""A field inside a format spec is not modelled yet."""
n = 5
w = 4
s = f"{n:{w}}"
