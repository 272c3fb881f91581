e = enumerate()
