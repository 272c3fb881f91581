"""del removes a name; assigning None keeps the name.

Both drop the reference to the old object."""
import sys
data = [1000]
keep = data
data = None
print(data, sys.getrefcount(keep))
other = keep
del other
print(sys.getrefcount(keep))
