class A:
    def __lt__(self, other):
        return True


cards = [A() for i in range(64)]
cards.sort()
