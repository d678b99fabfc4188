# output: script
"""The same threads, run again and again: the same total, in a different order."""

import threading
import time

RUNS = 20  # run the whole job this many times
THREADS = 4
STEPS = 50  # each thread adds this many numbers to the shared total


class Shared:
    """What the threads of one run share: a total, and who added to it when."""

    def __init__(self) -> None:
        self.total = 0
        self.order: list[str] = []
        self.lock = threading.Lock()


def add_numbers(name: str, shared: Shared, start: threading.Barrier) -> None:
    start.wait()  # every thread begins at the same moment
    for step in range(STEPS):
        with shared.lock:  # read and write the total as one step
            shared.total += step
            shared.order.append(name)  # who got here next is the scheduler's choice
        time.sleep(0)  # hand the GIL over: another thread may run now


def run_once() -> Shared:
    shared = Shared()
    start = threading.Barrier(THREADS)
    names = [chr(ord("a") + k) for k in range(THREADS)]
    threads = [
        threading.Thread(target=add_numbers, args=(name, shared, start))
        for name in names
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return shared


def main() -> None:
    runs = [run_once() for _ in range(RUNS)]
    # Print facts about all the runs, never one run's order: that changes each time.
    totals = {run.total for run in runs}
    orders = {tuple(run.order) for run in runs}
    every_step = all(len(run.order) == THREADS * STEPS for run in runs)
    print(f"runs: {RUNS}, each with {THREADS} threads of {STEPS} steps")
    print(f"every run took every step: {every_step}")
    print(f"every run gave the same total: {len(totals) == 1}")
    print(f"the orders were all identical: {len(orders) == 1}")


if __name__ == "__main__":
    main()

# Output (recorded by `make update`):
#> runs: 20, each with 4 threads of 50 steps
#> every run took every step: True
#> every run gave the same total: True
#> the orders were all identical: False
