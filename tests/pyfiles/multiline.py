"""Statements over several lines.

Brackets and backslashes join lines: each statement is one step."""
table = [
    [1000, 2000],   # a comment inside the brackets is no narration
    [3000, 4000],
]
total = len(table[0]) + \
    len(table[1])
def pick(rows,
         k=0):
    return rows[k]
if len(
        table):
    row = pick(table,
               k=1)
print(row,
      total)
