x = 1
# refscope: gc off
