"""weakref.WeakValueDictionary: a dict whose values may die.

Behind it is a plain dict, `data`, that maps each key to a KeyedRef: a
weak reference to the value that also holds the key.  The value's count
does not move; the key is held twice (by data and by its KeyedRef).
When the value dies, the KeyedRef's callback -- the dictionary's own
_remove function -- takes the entry out of data."""
import sys
import weakref


class Session:
    def __init__(self, user):
        self.user = user

    def __del__(self):
        print("session of", self.user, "ends")


sessions = weakref.WeakValueDictionary()
print(sys.getrefcount(sessions), len(sessions), sessions)
# Its _remove's defaults hold its weak reference (3.13 on name the class
# with its module).
print(weakref.getweakrefcount(sessions), weakref.ref(sessions))
if not sessions:
    print("no sessions yet")
ann = Session("ann")
key = "-".join(["user", "ann"])
print(sys.getrefcount(key), sys.getrefcount(ann))
sessions[key] = ann
# ann's count is the same; the key is held by data and by the KeyedRef.
print(sys.getrefcount(key), sys.getrefcount(ann), weakref.getweakrefcount(ann))
print(sessions[key] is ann, key in sessions, len(sessions))
print(sessions.get(key).user, sessions.get("nobody"), sessions.get("x", 0))
# The last real owner lets go: the entry goes with the session.
del ann
print(len(sessions), key in sessions, sys.getrefcount(key))
bob = Session("bob")
sessions["bob"] = bob
sessions["bob"] = bob
del sessions["bob"]
print(len(sessions), weakref.getweakrefcount(bob))
sessions[1] = bob
sessions[1] = Session("temp")
print(len(sessions), 1 in sessions)
