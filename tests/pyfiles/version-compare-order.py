"""Which operand of a comparison goes first.

==, is and `in` let go of both operands when they end: 3.11 to 3.13 the
left one first, 3.14 the right one.  A failed < lets them go before its
TypeError is raised."""


class Cell:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("freed", self.n)


print(Cell(1) is Cell(2))
print(Cell(3) == Cell(4))
print(Cell(5) in [Cell(6)])
try:
    print(Cell(7) < Cell(8))
except TypeError as e:
    print(e)
print("end")
