"""A shallow copy shares what is inside.

Copying the outer list makes a new outer list; the inner lists are
the same objects, so changing one shows in both."""
team = [['Ann', 30], ['Bob', 25]]
backup = team[:]
backup[0][1] = 31
# the inner list is shared: team sees 31
print(team)
# replacing an item of the copy does not touch the original
backup[1] = ['Cy', 40]
print(team, backup)
# expect: team[0] is backup[0]
# expect: team[1] is not backup[1]
# a deeper copy: copy each inner list too
deeper = []
for member in team:
    deeper.append(member[:])
deeper[0][1] = 99
print(team[0], deeper[0])
