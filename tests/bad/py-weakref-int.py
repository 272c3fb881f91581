import weakref
r = weakref.ref(1000)
