"""str.format's specs are the f-string ones: fill, align, sign, zero,
width, precision and type."""
price = 1234.5678
count = 42
name = "tea"
print("{:10.2f}|{:<10}|{:^9}|{:+d}".format(price, name, name, count))
print("{0:*>8} {0:08d} {1:.1e} {2!r:>7}".format(count, price, name))
print("{:x}-{:X}-{:o}-{:b}".format(255, 255, 8, 5))
print("{:.2s}".format(name))
rows = [("ann", 31), ("bob", 4)]
for who, age in rows:
    print("{:<5}{:>3}".format(who, age))
print("{:5}|{:<5}|".format(True, 1.5))
