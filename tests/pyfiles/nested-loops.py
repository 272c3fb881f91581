"""Nested loops: the inner loop runs to the end for each outer pass.

A break leaves only the innermost loop."""
pairs = []
for i in range(3):
    for j in range(3):
        if j > i:
            break
        pairs.append((i, j))
print(pairs)
table = [[1, 2], [3, 4], [5, 6]]
total = 0
for row in table:
    for cell in row:
        total += cell
print(total, row, cell)
