"""The order an instance's attributes die in: its class's shared keys.

When an instance dies it lets its attributes go in the order of its
class's shared keys.  CPython 3.11 to 3.13 learn the keys as instances get
them; 3.14 starts them with the names the class's methods store as
self.NAME, sorted: alpha before zeta, then the names learnt later."""


class Noisy:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("bye", self.name)


class Pair:
    def __init__(self):
        self.zeta = Noisy("zeta")
        self.alpha = Noisy("alpha")

    def later(self):
        self.mid = Noisy("mid")


p = Pair()
p.extra = Noisy("extra")
p.later()
del p
q = Pair()
q.later()
q.first = Noisy("first")
del q
