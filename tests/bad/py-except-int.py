try:
    x = 1
except int:
    pass
print(x)
try:
    raise KeyError
except int:
    pass
