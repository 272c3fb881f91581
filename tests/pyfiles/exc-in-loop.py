"""Exceptions in a loop: one new object for each failure.

Each bad entry makes its own ValueError; the except clause handles it and
the next iteration starts clean: nothing accumulates."""
import sys

entries = ["3", "x", "4", "y", "5"]
good = []
bad = 0
for s in entries:
    try:
        good.append(int(s))
    except ValueError:
        bad = bad + 1
print(good, bad)
print(sys.getrefcount(entries))
