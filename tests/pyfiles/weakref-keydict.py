"""weakref.WeakKeyDictionary: notes about objects, gone with them.

Its dict `data` maps a weak reference to each key -- ref(key, _remove),
whose callback is the dictionary's own _remove -- to the value.  The
key's count does not move; the value is held by data.  A weak reference
hashes as its referent, and two live ones are equal when their referents
are: d[key] looks up ref(key), the key's basic weak reference, made for
the lookup and dropped after it.  When the key dies, its entry goes."""
import gc
import sys
import weakref


class Widget:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


notes = weakref.WeakKeyDictionary()
print(sys.getrefcount(notes), len(notes), notes)
w = Widget("w")
note = "-".join(["big", "note"])
notes[w] = note
# w's count is the same; the note is held by data.
print(sys.getrefcount(w), sys.getrefcount(note), weakref.getweakrefcount(w))
print(notes[w] is note, w in notes, 5 in notes, len(notes), notes.get(w) is note)
# The same key again: the entry keeps its weak reference, the new one dies.
notes[w] = note
print(sys.getrefcount(note), weakref.getweakrefcount(w))
v = Widget("v")
notes[v] = [1, 2]
del notes[v]
print(len(notes), weakref.getweakrefcount(v), notes.get(v), notes.get(v, 0))
if notes:
    print("has notes")
# The key dies: its note goes with it.
del w
print(len(notes), sys.getrefcount(note))
# A key in a cycle goes when the collector frees it.
a = Widget("a")
a.me = a
notes[a] = "cycle"
del a
print(len(notes), gc.collect(), len(notes))
