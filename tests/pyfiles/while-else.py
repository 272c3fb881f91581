"""while ... else: the else block runs when the test turns false,
not when a break leaves the loop."""
items = [3, 8, 5, 12]
i = 0
while i < len(items):
    if items[i] > 10:
        print('found', items[i])
        break
    i += 1
else:
    print('none found')
j = 0
while j < 3:
    j += 1
else:
    print('done counting', j)
