"""f-strings: expressions in braces, formatted into a new str."""
item = 'tea'
price = 2.5
count = 3
print(f'{count} x {item} = {count * price}')
print(f'{price:.2f} {count:03d} {item!r}')
print(f'{item:>8}|{item:<8}|{item:^8}|')
big = 1234567
print(f'{big:>10} {big:<10}|')
ratio = 0.256
print(f'{ratio:.1%}')
