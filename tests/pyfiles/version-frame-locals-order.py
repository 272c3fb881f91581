"""The order in which a returning function lets its locals go.

Three locals each hold the last reference to an object with a __del__.
When the function returns, CPython 3.11 to 3.13 release them first to
last (a, b, c); 3.14 releases them from the last to the first."""


class Resource:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


def work():
    a = Resource("a")
    b = Resource("b")
    c = Resource("c")
    print("work ends")


work()
print("end")
