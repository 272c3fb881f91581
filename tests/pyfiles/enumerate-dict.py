"""enumerate over a dict numbers its keys; over d.items() it pairs a
count with each (key, value) tuple."""
menu = {"soup": 4000, "bread": 2000}
for i, dish in enumerate(menu):
    print(i, dish, menu[dish])
for n, (dish, price) in enumerate(menu.items(), 1):
    print(n, dish, price)
numbered = list(enumerate(menu.values()))
print(numbered)
