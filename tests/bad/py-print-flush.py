print("x", flush=True)
