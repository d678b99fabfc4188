# output: script
"""Many tiny tasks through a process pool: one task per message, or chunks of them.

Every operation runs the same tasks: "sequential" in this process, the others
with `ProcessPoolExecutor.map` and a given `chunksize` (how many tasks go to a
worker in one message). Each returns how many answers it got, so the runner can
check that all did the same work. `make bench BENCH=chunksize` times each at
FULL_SIZE tasks and divides by it; the claims tests rerun it at SMALL_SIZE.
Run as a script, it checks that every variant gives the same answers.
"""

from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from functools import partial

KIND = "cost"  # how tools/bench measures and renders it: time per task
FULL_SIZE = 5_000  # tasks per timed call (`make bench`)
SMALL_SIZE = 1_500  # the claims tests
CHECK_SIZE = 200  # main()
ROUNDS = {"full": 9, "small": 5}  # rounds of every operation
EXPECTED_SECONDS = 60  # a full-size run on 2 cores under load (15 s when quiet)
WORKERS = 2
TASK_LOOP = 1_000  # each task sums this many numbers: tens of microseconds of work
CHUNKSIZES = (1, 10, 100)


def tiny_task(number: int) -> int:
    return number + sum(range(TASK_LOOP))


def in_this_process(tasks: int) -> int:
    return len([tiny_task(number) for number in range(tasks)])


def answers_in_pool(chunksize: int, tasks: int) -> list[int]:
    # The pool starts and stops inside the timed call: start-up is part of the cost.
    with ProcessPoolExecutor(max_workers=WORKERS) as pool:
        return list(pool.map(tiny_task, range(tasks), chunksize=chunksize))


def in_pool(chunksize: int, tasks: int) -> int:
    return len(answers_in_pool(chunksize, tasks))


# What the benchmark runner times, per task: the first entry is the baseline.
OPERATIONS: dict[str, Callable[[int], int]] = {
    "sequential": in_this_process,
    **{f"chunksize={size}": partial(in_pool, size) for size in CHUNKSIZES},
}


def main() -> None:
    expected = [tiny_task(number) for number in range(CHECK_SIZE)]
    print(f"{CHECK_SIZE:,} tasks, {WORKERS} worker processes")
    for size in CHUNKSIZES:
        same = answers_in_pool(size, CHECK_SIZE) == expected
        print(f"chunksize={size:<5} same answers, same order as sequential: {same}")


if __name__ == "__main__":
    main()

# Output (recorded by `make update`):
#> 200 tasks, 2 worker processes
#> chunksize=1     same answers, same order as sequential: True
#> chunksize=10    same answers, same order as sequential: True
#> chunksize=100   same answers, same order as sequential: True
