import copy
# a set is copied through __reduce_ex__ too, which the model does not
# follow for sets
s = {1, 2}
b = copy.deepcopy([s])
