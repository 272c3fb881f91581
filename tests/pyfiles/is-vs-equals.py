"""`is` asks whether two names refer to one object; `==` compares values.

Equal values can live in different objects."""
first = [1, 2]
second = [1, 2]
print(first == second, first is second)
third = first
print(first == third, first is third)
# None, True and False exist once: test them with is
nothing = None
print(nothing is None, nothing == None)
flag = 3 > 2
print(flag is True)
# a float made twice at run time is two objects
half = 0.5
other = 1 / 2
print(half == other, half is other)
# is not is the negation
print(first is not second, first is not third)
