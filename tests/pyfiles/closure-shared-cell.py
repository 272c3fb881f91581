"""Two closures, one cell.

A getter and a setter made by one call share the cell of that call's
local: what one stores, the other reads."""
import sys
def make_box(value):
    def get():
        return value
    def put(new):
        nonlocal value
        value = new
    return get, put
get, put = make_box([1])
print(get())
print(get.__closure__[0] is put.__closure__[0])
old = get()
put([2, 3])
print(get(), old)
# old is the only name left for the first list
print(sys.getrefcount(old))
