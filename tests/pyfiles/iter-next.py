"""iter() and next() by hand: what a for loop does.

The iterator remembers where it is; the list does not change."""
colors = ['red', 'green', 'blue']
it = iter(colors)
print(next(it))
print(next(it))
# a for loop over the same iterator continues where next left off
for c in it:
    print('loop', c)
again = iter(colors)
print(next(again))
