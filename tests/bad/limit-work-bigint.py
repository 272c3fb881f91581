# each product multiplies 2032 digits by 1981: the run's work budget
# stops the loop
x = 2 ** 65000
y = 3 ** 40000
i = 0
while i < 1000000:
    z = x * y
    i = i + 1
