# refscope: python 3.10
x = 1
