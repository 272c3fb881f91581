"""A free variable passes through a function in between.

inner reads x, which outer binds; middle does not use x itself, but it
must hand the cell on: its own __closure__ holds the cell too."""
def outer():
    x = [1, 2, 3]
    def middle():
        def inner():
            return len(x)
        return inner
    return middle
m = outer()
i = m()
print(i())
print(m.__closure__[0] is i.__closure__[0])
del m
# the middle function is gone; inner's closure still holds the cell
print(i.__closure__[0].cell_contents)
