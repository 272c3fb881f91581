"""Swapping two items of a list in place."""
cards = ['A', 'K', 'Q', 'J']
cards[0], cards[3] = cards[3], cards[0]
print(cards)
i = 0
j = len(cards) - 1
while i < j:
    cards[i], cards[j] = cards[j], cards[i]
    i += 1
    j -= 1
print(cards)
