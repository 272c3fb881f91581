class Key:
    def __eq__(self, other):
        table.clear()
        return False

    def __hash__(self):
        return 1


table = {Key(): 1}
print(Key() in table)
