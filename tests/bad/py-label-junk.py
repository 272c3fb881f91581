x = []
# label: x "a" y
