"""Defaults are made once, when def runs.

Redefining the function makes a new default; the old one goes with it."""
def log(msg, lines=[]):
    lines.append(msg)
    return len(lines)
log('one'); log('two')
first = log('three')
keep = log
def log(msg, lines=[]):
    lines.append(msg)
    return len(lines)
second = log('four')
print(first, second)
del keep
x = log(msg='five', lines=['zero'])
print(x)
