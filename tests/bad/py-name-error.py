x = 1
y = zz
