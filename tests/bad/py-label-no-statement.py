# label: x "a"
x = []
