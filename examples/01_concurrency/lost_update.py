# output: script
"""A call between reading a shared value and writing it back lets another thread in."""

import sys
import threading

THREADS = 4
INCREMENTS = 200_000  # per thread
SWITCH_SECONDS = 0.000_001  # ask the running thread to hand over the GIL this often

counter = 0


def add_one(value: int) -> int:
    return value + 1


def increment(start: threading.Barrier) -> None:
    global counter
    start.wait()  # every thread starts counting at the same moment
    for _ in range(INCREMENTS):
        counter = add_one(counter)  # read, call, write: a switch can fall in between


def main() -> None:
    sys.setswitchinterval(SWITCH_SECONDS)  # switch often, so the race shows at once
    start = threading.Barrier(THREADS)
    threads = [
        threading.Thread(target=increment, args=(start,)) for _ in range(THREADS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    expected = THREADS * INCREMENTS
    print(f"expected: {expected:,}")
    print(f"the count came out exact: {counter == expected}")


if __name__ == "__main__":
    main()

# Output (recorded by `make update`):
#> expected: 800,000
#> the count came out exact: False
