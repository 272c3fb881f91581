"""The built-in types are static objects: immortal from 3.12, their
count no longer moved by the names that refer to them."""
kind = type(5000)
same = int
kinds = [int, str, type([]), type(iter([]))]
print(kind is same, kinds)
del kind
print(same, kinds[1])
