"""Names are labels, not boxes.

An assignment ties a name to an object; it never copies the object.
Two names can be tied to one object, and a name can be moved."""
import sys
# one list, one name
scores = [90, 85, 77]
# a second name for the same list: no new list is made
marks = scores
print(marks is scores)
# expect: marks is scores
print(sys.getrefcount(scores))
# moving a name leaves the object with one label fewer
marks = [90, 85, 77]
print(marks is scores, marks == scores)
# expect: marks is not scores
print(sys.getrefcount(scores))
