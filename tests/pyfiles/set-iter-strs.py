"""A for loop over a set of strs walks its table in the order of their
hashes: each loop turn binds the next str of the table."""
# diff: not 3.12, 3.13, 3.14 (pyodide is 32-bit and hashes strs with FNV, sys.hash_info.algorithm 'fnv': its table order is not the siphash13 order of the 64-bit builds refscope models)
words = {"pear", "fig", "kiwi"}
lengths = []
for w in words:
    lengths.append(len(w))
print(sorted(lengths), sorted(words))
