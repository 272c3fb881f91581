"""A break out of an except clause, through a finally: block.

The clause ends first (its name is deleted), then the finally: block
runs, then the loop ends and its iterator goes.  An exception raised in
the finally: block forgets the break."""


def scan(values):
    found = None
    for v in values:
        try:
            number = int(v)
        except ValueError as e:
            found = v
            print("not a number:", e)
            break
        finally:
            print("checked", v)
        print("number", number)
    return found


print(scan(["12", "xy", "34"]))


def stubborn():
    for k in range(3):
        try:
            try:
                if k == 1:
                    break
            finally:
                if k == 1:
                    raise KeyError(k)
        except KeyError as e:
            print("the break is forgotten:", e)
    return k


print(stubborn())
