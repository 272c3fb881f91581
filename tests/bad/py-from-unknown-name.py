from weakref import proxy
