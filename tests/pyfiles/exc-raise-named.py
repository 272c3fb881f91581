"""Raising an exception a name holds.

When it comes to its except clause, before that line runs, the thread's
"exception being handled" and the handler's stack hold it too
(PUSH_EXC_INFO has no line of its own): 3 references at the end of the
raise line."""
e = ValueError(2)
try:
    raise e
except ValueError as caught:
    print(caught is e)
