"""Building a list in a loop.

Each pass appends a new object; the list keeps them all alive."""
squares = []
for i in range(6):
    squares.append(i * i)
print(squares)
rows = []
for i in range(3):
    row = [i] * 2
    rows.append(row)
# the name row still refers to the last row
print(rows, row is rows[2])
