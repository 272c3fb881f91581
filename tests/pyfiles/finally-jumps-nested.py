"""Leaving finally: blocks by return, break and continue, nested.

Each function leaves a finally: block another way: what the block was
to do at its end (raise an exception again, return a value, go on
with a jump) is forgotten, and what it held is dropped right there --
the __del__ lines show when."""


class D:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


def make(name):
    print("make", name)
    return D(name)


def a():
    try:
        raise ValueError(D("a-exc"))
    finally:
        return make("a-ret")


def b():
    try:
        try:
            raise KeyError(D("b-exc"))
        finally:
            return make("b-inner")
    finally:
        print("outer finally")


def c():
    try:
        raise TypeError(D("c-exc"))
    except TypeError as e:
        return make("c-handler")
    finally:
        return make("c-final")


def d():
    for i in range(3):
        try:
            try:
                raise ValueError(D("d-exc"))
            finally:
                break
        finally:
            print("d outer finally", i)
    return i


def e():
    for i in range(2):
        try:
            continue
        finally:
            print("e finally", i)
            break
    return i


def g():
    try:
        return D("g-pending")
    finally:
        for k in range(2):
            try:
                pass
            finally:
                return k


def h():
    try:
        raise ValueError(D("h-exc"))
    finally:
        try:
            raise KeyError(D("h-inner"))
        except KeyError:
            return "h"


x = a()
x = None
x = b()
x = None
x = c()
x = None
print(d())
print(e())
print(g())
print(h())
