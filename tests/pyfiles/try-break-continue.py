"""break and continue leave a try through its finally: block."""


class Log:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("freed", self.n)


for i in range(4):
    item = Log(i)
    try:
        if i == 1:
            continue
        if i == 2:
            break
        print("body", i)
    finally:
        print("finally", i)
print("after", i)
n = 0
while True:
    n += 1
    try:
        try:
            if n == 3:
                break
        finally:
            print("inner", n)
    finally:
        print("outer", n)
for word in ["a", "b"]:
    try:
        raise ValueError(word)
    except ValueError as e:
        print("caught", e)
        continue
    finally:
        print("cleanup", word)
print("end", n)
del item
