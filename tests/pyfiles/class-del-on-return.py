"""A __del__ that runs as a function returns.

The function's local is the object's last reference: the object dies while
the frame is being left, after the return value is ready, and its __del__
runs a frame of its own in the middle of that."""


class Token:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


def fetch(key):
    token = Token(key)
    return len(key)


print(fetch("abc"))
n = fetch("de") + fetch("f")
print(n)
