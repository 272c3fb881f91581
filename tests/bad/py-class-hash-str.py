class Key:
    def __hash__(self):
        return "one"


try:
    print(hash(Key()))
except TypeError as e:
    print(e)
