n = 5
it = iter(n)
