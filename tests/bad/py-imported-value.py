from weakref import ref
f = ref
