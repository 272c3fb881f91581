"""A callback that keeps its object alive.

The lambda captures the widget: the widget lives as long as the callback
does, even after every name for it is gone."""
import sys
def make_callback(widget):
    return lambda: widget[0] + " clicked"
w = ["ok"]
cb = make_callback(w)
print(sys.getrefcount(w))
del w
# only the cell in cb's closure holds the widget now
print(cb())
print(sys.getrefcount(cb.__closure__[0].cell_contents))
del cb
print("done")
