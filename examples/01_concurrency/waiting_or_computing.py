# output: script
"""Waiting or computing? Compare the CPU time a job used with the time it took."""

import time
from collections.abc import Callable

WAIT_SECONDS = 0.2  # the waiting job sleeps, as if for a reply from the network
COMPUTE_SECONDS = 0.2  # the computing job keeps a CPU busy in pure Python
WAITING_SHARE = 0.1  # on a CPU for less than this share of the time: mostly waiting


def waiting_job() -> None:
    time.sleep(WAIT_SECONDS)


def computing_job() -> None:
    deadline = time.perf_counter() + COMPUTE_SECONDS
    while time.perf_counter() < deadline:
        pass


def cpu_share(job: Callable[[], None]) -> float:
    """CPU time this process used while `job` ran, as a share of the wall time."""
    wall_start, cpu_start = time.perf_counter(), time.process_time()
    job()
    cpu = time.process_time() - cpu_start  # time spent running on a CPU
    wall = time.perf_counter() - wall_start  # time that passed on the clock
    return cpu / wall


def verdict(share: float) -> str:
    return "mostly waiting" if share < WAITING_SHARE else "computing"


def main() -> None:
    print(f"waiting_job: {verdict(cpu_share(waiting_job))}")
    print(f"computing_job: {verdict(cpu_share(computing_job))}")


if __name__ == "__main__":
    main()

# Output (recorded by `make update`):
#> waiting_job: mostly waiting
#> computing_job: computing
