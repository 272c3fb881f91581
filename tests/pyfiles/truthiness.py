"""What counts as true.

Empty containers, zero, None and the empty string are false;
everything else is true."""
values = [0, 1, -1, '', 'a', [], [0], {}, None, 0.0]
for v in values:
    if v:
        print(repr(v), 'is true')
    else:
        print(repr(v), 'is false')
print(bool([]), bool([[]]), not None)
