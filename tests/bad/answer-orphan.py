x = [1]
# answer: 2
