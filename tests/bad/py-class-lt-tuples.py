class A:
    def __lt__(self, other):
        return True


pairs = [(A(), 1), (A(), 2)]
print(sorted(pairs))
