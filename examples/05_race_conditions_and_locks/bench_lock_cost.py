# output: script
"""What a lock costs: one increment, bare, under a free lock, and under a contended one.

Every operation adds 1 to one shared counter. "unlocked" does only that;
"uncontended" takes and releases a `threading.Lock` around it (one thread, so
the lock is always free); "contended" splits the increments between two
threads that share one lock. Each function returns the final count, so the
runner can check that all three did the same work.
`make bench BENCH=lock_cost` times each at FULL_SIZE operations and divides by
it; the claims tests rerun it at SMALL_SIZE. Run as a script, it checks counts.
"""

import threading
from collections.abc import Callable

KIND = "cost"
FULL_SIZE = 2_000_000  # operations per timed call (`make bench`)
SMALL_SIZE = 400_000  # the claims tests
CHECK_SIZE = 100_000  # main()
ROUNDS = {"full": 11, "small": 7}  # rounds of every operation
EXPECTED_SECONDS = 25  # a full-size run, 11 rounds (about 2 s each)
THREADS = 2  # threads sharing the lock in "contended"


class Counter:
    def __init__(self) -> None:
        self.value = 0


def unlocked(operations: int) -> int:
    counter = Counter()
    for _ in range(operations):
        counter.value += 1
    return counter.value


def add_under_lock(counter: Counter, lock: threading.Lock, operations: int) -> None:
    for _ in range(operations):
        with lock:
            counter.value += 1


def uncontended(operations: int) -> int:
    counter, lock = Counter(), threading.Lock()
    add_under_lock(counter, lock, operations)
    return counter.value


def contended(operations: int) -> int:
    counter, lock = Counter(), threading.Lock()
    shares = [operations // THREADS] * THREADS
    shares[0] += operations - sum(shares)  # any remainder
    threads = [
        threading.Thread(target=add_under_lock, args=(counter, lock, share))
        for share in shares
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return counter.value


# What the benchmark runner times, per operation: the first entry is the baseline.
OPERATIONS: dict[str, Callable[[int], int]] = {
    "unlocked": unlocked,
    "uncontended": uncontended,
    "contended": contended,
}


def main() -> None:
    for name, operation in OPERATIONS.items():
        count = operation(CHECK_SIZE)
        print(f"{name:<11} {CHECK_SIZE:,} increments, counted: {count == CHECK_SIZE}")


if __name__ == "__main__":
    main()

# Output (recorded by `make update`):
#> unlocked    100,000 increments, counted: True
#> uncontended 100,000 increments, counted: True
#> contended   100,000 increments, counted: True
