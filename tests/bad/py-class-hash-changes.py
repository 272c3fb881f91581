class Key:
    def __init__(self, n):
        self.n = n

    def __eq__(self, other):
        return self.n == other.n

    def __hash__(self):
        return self.n


k = Key(1)
table = {k: "one"}
k.n = 2
print(k in table)
