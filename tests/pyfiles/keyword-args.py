"""Keyword arguments name the parameter they bind.

Defaults fill the parameters the call leaves out."""
def describe(name, kind='cat', legs=4):
    return name + ' the ' + kind + ' has ' + str(legs) + ' legs'
print(describe('Tom'))
print(describe('Tweety', kind='bird', legs=2))
print(describe(legs=8, name='Charlotte', kind='spider'))
