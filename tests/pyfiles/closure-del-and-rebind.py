"""del of a captured name empties its cell.

The enclosing function can delete and rebind its local; the closure reads
whatever the cell holds when it is called."""
def outer():
    data = [1, 2]
    def peek():
        return data
    first = peek()
    del data
    data = [3]
    return peek, first
peek, first = outer()
print(peek(), first)
print(peek.__closure__[0].cell_contents)
