"""A matrix as a list of row lists.

Transposing builds new rows that share the numbers."""
m = [[1, 2, 3], [4, 5, 6]]
t = []
for j in range(3):
    col = []
    for row in m:
        col.append(row[j])
    t.append(col)
print(t)
print(t[0][1] is m[1][0])
m[0][0] = 100
print(t[0][0])
