"""The mutable default argument.

The default list is made once, when the def line runs, and kept by the
function: every call without the argument appends to that one list."""
def add_item(item, basket=[]):
    basket.append(item)
    return basket
first = add_item('apple')
second = add_item('pear')
# both calls returned the one default list
print(first, second)
# expect: first is second
third = add_item('fig', [])
print(third, first)
# the fix: None as the default, a new list inside
def add_fresh(item, basket=None):
    if basket is None:
        basket = []
    basket.append(item)
    return basket
one = add_fresh('apple')
two = add_fresh('pear')
print(one, two)
# expect: one is not two
