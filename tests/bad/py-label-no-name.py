x = 1
# label: x
