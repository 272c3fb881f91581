"""Mutating a captured list needs no nonlocal.

append changes the list the cell holds; only rebinding the name needs
nonlocal.  Both closures here read the same cell."""
def make_log():
    entries = []
    def add(item):
        entries.append(item)
        return len(entries)
    def reset():
        nonlocal entries
        entries = []
    return add, reset
add, reset = make_log()
print(add("a"), add("b"))
reset()
print(add("c"))
