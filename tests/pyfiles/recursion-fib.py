"""Recursive Fibonacci: the same values computed again and again.

The call tree is wide; every call returns a small int from the cache."""
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)
print(fib(6))
calls = [fib(0), fib(1), fib(2), fib(3)]
print(calls)
