z = zip([1], 5)
