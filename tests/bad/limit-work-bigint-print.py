# print divides each of a hundred ints of 425 digits 455 times
l = [10 ** 4090] * 100
i = 0
while i < 1000000:
    print(l)
    i = i + 1
