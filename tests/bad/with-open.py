"""with: a file from open() is not modelled"""
with open("notes.txt") as f:
    print(f)
