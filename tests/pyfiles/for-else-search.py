"""for ... else: the classic search loop.

The else block runs only if the loop was never broken."""
def find(needle, haystack):
    for pos in range(len(haystack)):
        if haystack[pos] == needle:
            print('at', pos)
            break
    else:
        print('missing')
words = ['red', 'green', 'blue']
find('green', words)
find('pink', words)
for w in words:
    pass
else:
    print('last was', w)
