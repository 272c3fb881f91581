"""Sorting by a key: sorted(key=...), list.sort(key=..., reverse=True).

The key function is called once per item, in the list's order, and the
keys are held until the sort is done; the items move, the keys decide.
Equal keys keep their items' order, reverse=True too."""
import sys


class Student:
    def __init__(self, name, grade):
        self.name = name
        self.grade = grade

    def key(self):
        return self.grade


people = [Student("ann", 3), Student("bob", 1), Student("cid", 3),
          Student("dee", 2)]
by_grade = sorted(people, key=lambda s: s.grade)
print([s.name for s in by_grade])
print([s.name for s in sorted(people, key=lambda s: s.grade, reverse=True)])
people.sort(key=lambda s: (s.grade, s.name))
print([s.name for s in people])
people.sort(key=Student.key, reverse=True)
print([s.name for s in people])
nums = [3, 1, 2, 1]
print(sorted(nums, reverse=True), sorted(nums, key=None), sorted(nums, reverse=0))
words = ["bb", "a", "ccc", "dd"]
words.sort(key=lambda w: len(w))
print(words)
pairs = [(1, "b"), (1, "a"), (0, "z")]
print(sorted(pairs, key=lambda p: p[0]))
print(sorted([], key=lambda x: x), sorted([5], key=lambda x: -x))
seen = []


def record(x):
    seen.append(x)
    return -x


print(sorted([2, 3, 1], key=record), seen)
k = lambda s: s.grade
print(sys.getrefcount(k))
result = sorted(people, key=k)
print(sys.getrefcount(k), [s.grade for s in result])
