"""if / elif / else: exactly one branch runs.

The tests are tried in order; the first true one wins."""
def grade(score):
    if score >= 90:
        letter = 'A'
    elif score >= 80:
        letter = 'B'
    elif score >= 70:
        letter = 'C'
    else:
        letter = 'F'
    return letter
print(grade(95), grade(85), grade(72), grade(10))
x = 0
if x:
    print('truthy')
else:
    print('falsy')
