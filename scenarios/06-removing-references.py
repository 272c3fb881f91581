"""What removes a reference

Rebinding, del and leaving a function each remove a reference; a global
set inside a function lives on."""
# refscope: section "6. Removing references"


# borrow makes a local list that holds its parameter twice.
def borrow(n):
    # Inside borrow, three more references point at our list: the
    # parameter n and the two slots of the local list twice. With x, that
    # makes 4.
    twice = [n, n]
    # expect: refcount(n) == 4
    # expect: twice[0] is n
    # borrow returns. Its locals n and twice are released: the list
    # twice had no other reference, so it is freed, and its two slots go
    # with it. Our list is back to 1.
    return


# adopt keeps its parameter in a module name.
def adopt(n):
    # global kept says: the name kept in this function is the module's
    # name, not a local one. So this binding is made in the module, not in
    # the function. For now three references: x, kept and the parameter n.
    global kept
    kept = n
    # expect: kept is n
    # expect: refcount(n) == 3
    # adopt returns and its local n is released, but kept is a module
    # name: it is not released, and it still points at our list.
    return


# One object, one name: count 1.
x = ['our', 'list']
# expect: refcount(x) == 1

# A second name: count 2.
y = x
# expect: refcount(x) == 2

# Rebinding y points it at another object, so y no longer holds ours: the
# count goes down by one, to 1.
y = ['another']
# ask: refcount(x)
# answer: 1
# expect: y is not x
# expect: refcount(x) == 1

# Let's add a name again: count 2.
z = x
# expect: refcount(x) == 2

# del removes a name, and with it one reference: count 1. del never
# destroys an object directly; it only takes a reference away.
del z
# expect: refcount(x) == 1
# expect: alive(x)
# pause

# While borrow ran, its locals held 3 more references. Leaving the
# function released all of them, and the list it built was freed. Only
# the name x still points at our list.
borrow(x)
# expect: refcount(x) == 1
# pause

# A global survives its function: after adopt returns, x and kept both
# point at the list.
adopt(x)
# expect: kept is x
# expect: refcount(x) == 2

# Deleting x leaves one reference, kept, so the list stays alive.
del x
# expect: refcount(kept) == 1
# expect: alive(kept)

# The last reference is gone. The count reaches 0 and the list is freed
# at once. (Its two strs are not freed: 'our' and 'list' are constants of
# this file, which its code holds for the whole run.)
del kept
# expect: freed == 1
# pause
print(y)
