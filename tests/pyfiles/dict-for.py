"""A for loop over a dict walks its keys with a dict_keyiterator.

The iterator holds the dict while the loop runs and lets it go at the
end; a break drops the iterator at once."""
import sys
prices = {"tea": 1000, "cake": 2500, "jam": 4000}
for name in prices:
    # the iterator holds one more reference to the dict
    print(name, prices[name], sys.getrefcount(prices))
print(sys.getrefcount(prices), name)
for name in prices:
    if name == "cake":
        break
print(sys.getrefcount(prices), name)
total = 0
for price in prices.values():
    total = total + price
print(total, sys.getrefcount(price))
for name, price in prices.items():
    print(name, price, sys.getrefcount(price))
print(list(prices), list(prices.keys()), list(prices.values()))
empty = {}
for k in empty:
    print("never")
print(len(empty))
