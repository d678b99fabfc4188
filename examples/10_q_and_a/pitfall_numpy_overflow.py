# output: script
"""Moving a loop into NumPy changes the arithmetic: int64 wraps around.

Python's int grows as needed; NumPy's int64 holds at most 2**63 - 1. Past
that, array operations wrap around silently, and scalar ones only warn.
"""

import numpy as np

N = 4_000_000  # the sum of the squares below N is about N**3 / 3: past 2**63


def main() -> None:
    exact = sum(number * number for number in range(N))
    numbers = np.arange(N, dtype=np.int64)
    wrapped = int(np.dot(numbers, numbers))
    print(f"exact sum fits in an int64: {exact < 2**63}")
    print(f"NumPy's answer equals the exact one: {wrapped == exact}")
    largest = np.int64(2**63 - 1)
    print(f"2**63 - 1 plus one, as an int64: {largest + np.int64(1)}")


if __name__ == "__main__":
    main()

# Output (recorded by `make update`):
#> exact sum fits in an int64: False
#> NumPy's answer equals the exact one: False
#> 2**63 - 1 plus one, as an int64: -9223372036854775808

# Stderr (recorded by `make update`):
#! .../pitfall_numpy_overflow.py:20: RuntimeWarning: overflow encountered in scalar add
#!   print(f"2**63 - 1 plus one, as an int64: {largest + np.int64(1)}")
