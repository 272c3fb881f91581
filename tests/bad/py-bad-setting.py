# refscope: gc fast
x = 1
