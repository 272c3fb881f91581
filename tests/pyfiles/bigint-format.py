"""Big ints formatted: str, repr, f-strings and % in every base."""
n = 2 ** 70 + 12345
m = -(3 ** 45)
print(str(n), repr(m), f"{n}", f"{m:d}")
print(f"{n:x} {n:X} {n:o} {n:b}")
print(f"{n:,} {m:_} {n:_x} {m:_b}")
print(f"{n:>40}|{m:<40}|{n:^40}|")
print(f"{n:+} {n: } {m:+}")
print(f"{n:e} {n:.3f} {m:g}")
print(f"{1234567:,} {-1234567:_d} {255:_b}")
print("%d %i %x %X %o" % (n, m, n, n, m))
print("%30d|%-30d|%+d" % (n, m, n))
print("%f %e" % (n, m))
print("%d" % 1e25)
big = f"{n}"
print(len(big), int(big) == n, int(str(m)) == m, int("-" + "9" * 40))
print(int(1e25), int(-2.5e30), float(n), float(m))
