"""sum() of floats: from 3.12 the float path adds with Neumaier's
compensated summation; 3.14 compensates its ints too, of any size."""
tenths = [0.1] * 10
print(sum(tenths), sum(tenths, 0), sum([1e100, 1.0, -1e100, 1.0]))
print(sum([10**16, 1, 1], 0.0), sum([0.1, 2**70, -2**70, 0.1, 0.1]))
print(sum([2**70, 0.1, 0.2, 0.3]), sum([0.5, 0.25, True, 3]))
print(sum([1e308, 1e308, -1e308]), sum([-0.0, -0.0], -0.0), sum([], 2.5))
