"""A loop builds a list of lists.

Each turn rebinds the names; the old objects die or stay in the list."""
rows = []
k = 3
while k:
    row = [k, k * 1000]
    rows.append(row)
    k -= 1
del row
print(rows)
while rows:
    last = rows.pop()
    if len(last) - 2:
        continue
    print(last)
last = None
