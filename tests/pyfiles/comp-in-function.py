"""A comprehension in a function reads the function's locals."""
import sys
def scaled(values, k):
    return [v * k for v in values]
print(scaled([1, 2, 3], 10))
def table(n):
    rows = [[i * j for j in range(n)] for i in range(n)]
    return rows
t = table(3)
print(t)
def counter(words):
    return {w: len(w) for w in words if w}
print(counter(["to", "", "be"]))
def lookup(keys):
    base = {"a": [1], "b": [2]}
    got = [base[k] for k in keys]
    return got, sys.getrefcount(got[0])
print(lookup("ab"))
