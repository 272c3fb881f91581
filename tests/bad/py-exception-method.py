e = ValueError("x")
e2 = e.with_traceback(None)
