"""Names and the objects they refer to.

Each # ask: is a question the student answers before the line runs.
"""
import sys

# One list, one name.
scores = [90, 75, 60]
# A second name for the same list: nothing is copied.
marks = scores
# ask: refcount(scores)
# answer: 2
marks.append(100)  # ask: scores is marks
print(len(scores))
# ask: refcount(scores)
# answer: 2
copy = scores[:]
# ask: copy is scores
# answer: False
del marks
# ask: freed
# answer: 0
print(sys.getrefcount(scores))
del scores
# ask: alive(copy)
# answer: True
