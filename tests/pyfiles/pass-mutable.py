"""Passing a list lets the function change it.

The parameter and the argument are two names for one list."""
def add_bonus(scores):
    scores.append(10)
def replace_all(scores):
    scores = [0]
    return scores
mine = [5]
add_bonus(mine)
print(mine)
fresh = replace_all(mine)
# rebinding the parameter did not touch mine
print(mine, fresh)
