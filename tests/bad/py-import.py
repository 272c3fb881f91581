import sys, json
x = 1
