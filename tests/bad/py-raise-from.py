try:
    raise ValueError from None
except ValueError:
    pass
