# output: script
"""The same racy loop twice: without a lock it loses updates, with one it does not."""

import sys
import threading
from collections.abc import Callable

THREADS = 4
INCREMENTS = 200_000  # per thread
SWITCH_SECONDS = 0.000_001  # ask the running thread to hand over the GIL this often


class Counter:
    def __init__(self) -> None:
        self.value = 0


def add_one(value: int) -> int:
    return value + 1


def count_unlocked(counter: Counter, start: threading.Barrier) -> None:
    start.wait()  # every thread starts counting at the same moment
    for _ in range(INCREMENTS):
        counter.value = add_one(counter.value)  # read, call, write: a gap


def count_locked(
    counter: Counter, start: threading.Barrier, lock: threading.Lock
) -> None:
    start.wait()
    for _ in range(INCREMENTS):
        with lock:  # no other thread gets between the read and the write
            counter.value = add_one(counter.value)


def run(target: Callable[..., None], *extra: object) -> int:
    counter = Counter()
    start = threading.Barrier(THREADS)
    threads = [
        threading.Thread(target=target, args=(counter, start, *extra))
        for _ in range(THREADS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return counter.value


def main() -> None:
    sys.setswitchinterval(SWITCH_SECONDS)  # switch often, so the race shows at once
    expected = THREADS * INCREMENTS
    print(f"expected: {expected:,}")
    print(f"without a lock, exact: {run(count_unlocked) == expected}")
    print(f"with a lock, exact: {run(count_locked, threading.Lock()) == expected}")


if __name__ == "__main__":
    main()

# Output (recorded by `make update`):
#> expected: 800,000
#> without a lock, exact: False
#> with a lock, exact: True
