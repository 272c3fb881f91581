import sys, copy
x = 1
