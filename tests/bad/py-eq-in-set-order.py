class P:
    def __eq__(self, other):
        return True

    def __hash__(self):
        return 1


print({P()} <= {P()})
