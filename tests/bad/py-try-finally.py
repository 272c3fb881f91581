x = 1
try:
    x = 2
finally:
    x = 3
