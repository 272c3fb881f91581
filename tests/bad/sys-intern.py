import sys
n = 5
x = sys.intern(n)
