x = []
# label: x "aaaaaaaaaaaaaaaaaaaaaaaaa"
