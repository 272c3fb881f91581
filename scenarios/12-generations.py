"""CPython's collector - generations

New containers start in generation 0; each collection moves its survivors
one generation older."""
# refscope: section "12. Generations", python 3.11
import gc

# CPython's real cycle collector only watches containers (lists,
# dicts, instances...), since only they can form cycles. It sorts them
# by age into three generations: 0 (young), 1 and 2 (old). Most
# objects die young, so young ones are checked most often.
#
# A new list starts in generation 0. The int inside is not a container,
# so the collector does not track it at all.
keep = [1000]
# expect: gen(keep) == 0

# Another young list...
junk = []
# expect: gen(junk) == 0

# ...which we turn into a cycle: it contains itself.
junk.append(junk)
# expect: junk[0] is junk
# expect: refcount(junk) == 2

# The cycle is garbage now, but reference counting cannot free it.
del junk
# ask: freed
# answer: 0
# expect: freed == 0
# expect: heap == 3
# pause

# gc.collect(0) examines generation 0 only. It finds the cycle and
# frees it (it prints 1). keep survived, so it is promoted: it moves
# up to generation 1.
print(gc.collect(0))
# expect: collected == 1
# expect: gen(keep) == 1
# expect: heap == 2
# pause

# A new list is young again, generation 0, while keep stays in
# generation 1.
young = [keep]
# expect: gen(young) == 0
# expect: gen(keep) == 1

# Another generation-0 collection: nothing to free (it prints 0).
# young survives and moves to generation 1; keep was not examined
# and stays in generation 1.
print(gc.collect(0))
# expect: collected == 0
# expect: gen(young) == 1
# expect: gen(keep) == 1

# gc.collect(1) examines generations 0 and 1 together. Nothing is
# garbage; all the survivors move to generation 2, the oldest, where
# they stay.
print(gc.collect(1))
# expect: collected == 0
# expect: gen(young) == 2
# expect: gen(keep) == 2
# pause

# When does CPython collect by itself? These are the thresholds:
# (700, 10, 10). Generation 0 is collected once allocations of
# containers outnumber deallocations by more than 700; generation 1
# after 10 collections of generation 0; generation 2 after 10 of
# generation 1 (and only once enough objects have piled up there).
# Lesson 13 shows one happen.
print(gc.get_threshold())
# expect: gen(keep) == 2
