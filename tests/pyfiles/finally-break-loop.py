"""break and continue out of a finally: block.

Each exception raised in the loop reaches the finally: block, which
leaves by continue or break instead of raising it again: the exception
is dropped there, and the loop goes on or stops."""


class Note:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("note", self.n, "freed")


for i in range(4):
    try:
        if i == 2:
            raise RuntimeError(Note(i))
        print("body", i)
    finally:
        if i < 2:
            continue
        print("stop at", i)
        break
print("after the loop, i =", i)
n = 0
while n < 5:
    n += 1
    try:
        raise ValueError(Note(n))
    finally:
        if n < 3:
            continue
        break
print("n =", n)
