# output: script
"""The same jobs on threads and on processes: the executor is one name to change."""

import os
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor

NUMBERS = range(6)


def square(number: int) -> tuple[int, int]:
    return number * number, os.getpid()  # the answer, and the process that ran it


def run_jobs(executor: Executor) -> tuple[list[int], set[int]]:
    answers = list(executor.map(square, NUMBERS))
    return [value for value, _ in answers], {pid for _, pid in answers}


def main() -> None:
    with ThreadPoolExecutor(max_workers=2) as executor:
        squares, pids = run_jobs(executor)
    print(f"threads:   {squares}, ran in this process: {pids == {os.getpid()}}")

    with ProcessPoolExecutor(max_workers=2) as executor:  # the one line that changed
        squares, pids = run_jobs(executor)
    print(f"processes: {squares}, ran in this process: {os.getpid() in pids}")


if __name__ == "__main__":
    main()

# Output (recorded by `make update`):
#> threads:   [0, 1, 4, 9, 16, 25], ran in this process: True
#> processes: [0, 1, 4, 9, 16, 25], ran in this process: False
