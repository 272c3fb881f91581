for i in range(3):
    try:
        print(i)
    finally:
        break
