"""sys.intern is not modelled yet."""
import sys
t = sys.intern('hello world')
