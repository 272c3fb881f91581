"""Constants in displays: which object is shared with which.

CPython 3.11 keeps one object per distinct constant of a module: the
items of a list of three or more constants come from one constant tuple,
a tuple display of constants is itself a constant, and a shorter list
loads its items one by one."""
import sys
# two constants: LOAD_CONST, LOAD_CONST, BUILD_LIST -- the items are the
# module's own 1000 and 2000
pair = [1000, 2000]
n = 1000
print(sys.getrefcount(n))
# three or more: the list is extended from the constant (1000, 2000, 3000)
trio = [1000, 2000, 3000]
m = 3000
print(sys.getrefcount(m))
# a tuple of constants is one constant: the same object every time
point = (1000, 5000)
k = 5000
print(sys.getrefcount(k))
# str() of a bool is a static str of the interpreter, never a new one
a = str(True)
b = repr(True)
c = f"{False}"
print(a is b, c is str(False))
# expect: a is b
