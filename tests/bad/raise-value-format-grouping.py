x = 7
y = f"{x:,x}"
