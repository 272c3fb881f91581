class Odd(int):
    pass
