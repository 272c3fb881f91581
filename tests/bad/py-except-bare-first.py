try:
    x = 1
except:
    x = 2
except ValueError:
    x = 3
