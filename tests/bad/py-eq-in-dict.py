class P:
    def __init__(self):
        self.x = 1

    def __eq__(self, other):
        return True


p = P()
p.other = P()
print(vars(p) == {"x": 1, "other": P()})
