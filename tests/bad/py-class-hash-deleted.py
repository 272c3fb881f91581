class Key:
    def __eq__(self, other):
        return False

    def __hash__(self):
        return 1


a, b, c = Key(), Key(), Key()
table = {a: 1, b: 2}
del table[a]
table[c] = 3
print(Key() in table)
