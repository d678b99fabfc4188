# output: script
"""A hot loop moved into C: the sum of squares in Python, with sum(), and in NumPy.

All three compute 0² + 1² + ... + (n - 1)² and return the same Python int.
"python-loop" runs bytecode for every number; "builtin-sum" hands the adding
to the C function sum() but still runs a generator's bytecode for every
square; "numpy" builds one array of machine integers and lets NumPy's C code
square and add them, with no Python object per number.
`make bench BENCH=hot_loop` times each at FULL_SIZE numbers; the claims tests
rerun it at SMALL_SIZE. Run as a script, it checks that the answers agree.
"""

from collections.abc import Callable

import numpy as np

KIND = "comparison"  # how tools/bench measures and renders it
FULL_SIZE = 2_000_000  # numbers per run (`make bench`); the sum fits in an int64
SMALL_SIZE = 300_000  # the claims tests
CHECK_SIZE = 1_000  # main()
ROUNDS = {"full": 10, "small": 5}  # rounds of every variant and the capacity probe
EXPECTED_SECONDS = 30  # a full-size run on 2 cores, the capacity probes included


def python_loop(n: int) -> int:
    total = 0
    for number in range(n):
        total += number * number
    return total


def builtin_sum(n: int) -> int:
    return sum(number * number for number in range(n))


def numpy_dot(n: int) -> int:
    numbers = np.arange(n, dtype=np.int64)  # n machine integers, no Python objects
    return int(np.dot(numbers, numbers))  # squares and adds them in C


# What the benchmark runner times: the first entry is the baseline.
VARIANTS: dict[str, Callable[[int], int]] = {
    "python-loop": python_loop,
    "builtin-sum": builtin_sum,
    "numpy": numpy_dot,
}


def main() -> None:
    expected = python_loop(CHECK_SIZE)
    print(f"sum of the squares below {CHECK_SIZE:,}: {expected:,}")
    for name, variant in VARIANTS.items():
        print(f"{name:<11} same answer: {variant(CHECK_SIZE) == expected}")


if __name__ == "__main__":
    main()

# Output (recorded by `make update`):
#> sum of the squares below 1,000: 332,833,500
#> python-loop same answer: True
#> builtin-sum same answer: True
#> numpy       same answer: True
