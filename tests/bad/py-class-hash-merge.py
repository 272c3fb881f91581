class Key:
    def __hash__(self):
        return 1


table = {Key(): 1}
copy = dict(table)
