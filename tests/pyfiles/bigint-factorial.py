"""Factorials outgrow 64 bits: Python's ints have no size.

Each product is a new int object; the old one dies when its name moves."""


def factorial(n):
    result = 1
    k = 2
    while k <= n:
        result = result * k
        k = k + 1
    return result


small = factorial(20)
# 21! is the first factorial beyond 64 bits
big = factorial(21)
print(small, big)
f100 = factorial(100)
print(f100)
print(len(str(f100)), f100 % 1000000007, f100 // factorial(98))
same = f100 == factorial(100)
print(same, f100 is factorial(100))
