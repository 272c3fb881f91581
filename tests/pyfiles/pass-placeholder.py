"""pass does nothing: a placeholder where a statement must be."""
def later():
    pass
result = later()
print(result)
for i in range(3):
    pass
print(i)
if i == 2:
    pass
else:
    print('never')
