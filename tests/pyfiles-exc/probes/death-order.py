"""Probe (FACTS.md b): the order in which things die when the name of a
caught exception goes at the end of its except block.

Markers with __del__ sit where each kind of object would drop them: in the
exception's args, in its __dict__ (an attribute set on it), in the args
of its __context__, as parameters and locals of the two functions the
exception crossed; a weakref callback on each function says when the
frame drops f_func (the functions are made for the call, so that their
frames are their only owners afterwards).  Built-in exceptions,
tracebacks, frames and tuples take no weak references: their deaths are
seen through what they drop."""
import weakref


class M:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("  del", self.name)


def gone(name):
    return lambda r: print("  function gone:", name)


refs = []


def make_inner():
    def inner(a):
        b = M("inner's local b")
        raise ValueError(M("the exception's args[0]"))
    refs.append(weakref.ref(inner, gone("inner (f_func of its frame)")))
    return inner


def make_outer():
    def outer(x):
        y = M("outer's local y")
        make_inner()(M("inner's parameter a"))
    refs.append(weakref.ref(outer, gone("outer (f_func of its frame)")))
    return outer


print("1. e goes at the end of the except block")
try:
    make_outer()(M("outer's parameter x"))
except ValueError as e:
    print(" block ends")
print(" after the block")

print("2. the same, the exception with a __dict__")
try:
    make_outer()(M("outer's parameter x"))
except ValueError as e:
    e.mark = M("the exception's __dict__ value")
    print(" block ends")
print(" after the block")


def make_context():
    def ctx(p):
        q = M("ctx's local q")
        try:
            raise KeyError(M("the __context__'s args[0]"))
        except KeyError:
            raise ValueError(M("the new exception's args[0]"))
    refs.append(weakref.ref(ctx, gone("ctx (f_func of its frame)")))
    return ctx


print("3. an exception with a __context__")
try:
    make_context()(M("ctx's parameter p"))
except ValueError as e:
    print(" block ends")
print(" after the block")


def make_keeper():
    def keeper(k):
        try:
            raise ValueError(M("kept exception's args[0]"))
        except ValueError as e:
            kept.append(e)
    refs.append(weakref.ref(keeper, gone("keeper (f_func of its frame)")))
    return keeper


def make_caller():
    def caller(c):
        d = M("caller's local d")
        make_keeper()(M("keeper's parameter k"))
        print(" caller returns")
    refs.append(weakref.ref(caller, gone("caller (f_func of its frame)")))
    return caller


print("4. an exception kept after its functions returned: the traceback")
print("   holds keeper's frame alone, whose f_back holds caller's frame")
kept = []
make_caller()(M("caller's parameter c"))
print(" both returned")
kept.clear()
print(" after kept.clear()")
