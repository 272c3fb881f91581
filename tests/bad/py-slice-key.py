# refscope: python 3.12
d = {1: 2}
print(d[1:2])
