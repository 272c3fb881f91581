"""Exceptions the interpreter raises itself.

A missing key, an index past the end, a string that is no number, a
division by zero: each makes a new exception object, whose args hold the
message (or, for a KeyError, the key itself)."""
import sys

ages = {"ann": 31}
try:
    print(ages["bob"])
except KeyError as e:
    print(e.args)

letters = ["a", "b"]
try:
    print(letters[5])
except IndexError as e:
    print(e.args)

try:
    print(int("twelve"))
except ValueError as e:
    print(e.args)

try:
    print(7 / 0)
except ZeroDivisionError as e:
    print(e.args)

n = 0
try:
    print(7 // n)
except ZeroDivisionError as e:
    # the message of // differs from that of / before 3.14
    print(len(e.args))
print(sorted(ages))
