# output: script
"""Two CPU-bound jobs, each in its own process: both run at the same time."""

import os
import time
from concurrent.futures import ProcessPoolExecutor
from typing import NamedTuple

JOBS = [0, 1]
BUSY_SECONDS = 0.5  # each job keeps one CPU busy this long


class Run(NamedTuple):
    job: int
    process: int
    started: float
    finished: float


def spin(seconds: float) -> None:
    """Keep a CPU busy in pure Python: no sleep, no I/O, no waiting."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        pass


def busy_job(job: int) -> Run:
    started = time.monotonic()  # system-wide: comparable between processes
    spin(BUSY_SECONDS)
    return Run(job, os.getpid(), started, time.monotonic())


def main() -> None:
    with ProcessPoolExecutor(max_workers=len(JOBS)) as pool:
        runs = list(pool.map(busy_job, JOBS))
    print(f"jobs done: {[run.job for run in runs]}")
    workers = {run.process for run in runs}
    print(f"worker processes used: {len(workers)}")
    print(f"none ran in this process: {os.getpid() not in workers}")
    last_start = max(run.started for run in runs)
    first_end = min(run.finished for run in runs)
    print(f"all jobs started before any finished: {last_start < first_end}")


if __name__ == "__main__":
    main()

# Output (recorded by `make update`):
#> jobs done: [0, 1]
#> worker processes used: 2
#> none ran in this process: True
#> all jobs started before any finished: True
