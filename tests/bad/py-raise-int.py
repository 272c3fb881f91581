x = 5
raise x
