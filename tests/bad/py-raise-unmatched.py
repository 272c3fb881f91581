try:
    d = {}
    d["a"]
except ValueError:
    print("no")
