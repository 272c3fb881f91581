try:
    raise ValueError("x") from 5
except KeyError:
    pass
