"""An exception's attribute keeps a big object alive.

The handler saves the exception; its payload attribute lives in the
exception's __dict__, so the big list outlives the except block and
the function that made it.  It goes only when the saved exception
goes: the exception's dict first (payload, then hint), then its args,
then its traceback (BaseException's clear order).  (Had load() kept the
exception in a local, its frame -- which the traceback keeps -- would
make a cycle, and only the collector would free them.)"""
import sys


class Big:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("freed", self.name)


class LoadError(Exception):
    pass


def make_error():
    err = LoadError("cannot load")
    err.payload = Big("payload")
    err.hint = Big("hint")
    return err


def load():
    raise make_error()


saved = None
try:
    load()
except LoadError as e:
    saved = e
print("after the except block")
print(saved.payload.name, saved.hint.name)
print(sys.getrefcount(saved.__dict__))
print(list(saved.__dict__))
saved = None
print("done")
