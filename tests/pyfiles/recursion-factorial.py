"""Recursion: each call gets its own frame and its own n.

The frames stack up while the calls go down, and unwind as each
returns."""
def factorial(n):
    if n <= 1:
        return 1
    return n * factorial(n - 1)
print(factorial(5))
result = factorial(10)
print(result)
