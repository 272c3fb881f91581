class P:
    def __eq__(self, other):
        return True


print({1: P()} == {1: P()})
