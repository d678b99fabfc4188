# output: script
"""Two CPU-bound jobs, each in its own process with its own interpreter and GIL."""

import os
import time
from concurrent.futures import ProcessPoolExecutor
from typing import NamedTuple

JOBS = [0, 1]
CPU_SECONDS = 0.5  # each job uses this much CPU time in its worker process


class Run(NamedTuple):
    job: int
    process: int
    started: float
    finished: float


def spin(cpu_seconds: float) -> None:
    """A fixed amount of pure-Python work: no sleep, no I/O, no waiting.

    It stops when this process has used `cpu_seconds` of CPU time, so a job
    that shares its core with another takes longer, but does the same work.
    """
    deadline = time.process_time() + cpu_seconds
    while time.process_time() < deadline:
        pass


def busy_job(job: int) -> Run:
    started = time.time()  # the wall clock: one epoch shared by every process
    spin(CPU_SECONDS)
    return Run(job, os.getpid(), started, time.time())


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
