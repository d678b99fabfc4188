"""The baseline: three jobs that each wait, run one after another."""

import threading
import time
from typing import NamedTuple

JOBS = ["a", "b", "c"]
WAIT_SECONDS = 0.2  # each job waits, as if for a reply from the network


class Run(NamedTuple):
    job: str
    thread: int
    started: float
    finished: float


def do_job(job: str) -> Run:
    started = time.monotonic()
    time.sleep(WAIT_SECONDS)
    return Run(job, threading.get_ident(), started, time.monotonic())


def main() -> None:
    runs = [do_job(job) for job in JOBS]
    print(f"jobs done: {[run.job for run in runs]}")
    #> jobs done: ['a', 'b', 'c']
    print(f"threads used: {len({run.thread for run in runs})}")
    #> threads used: 1
    last_start = max(run.started for run in runs)
    first_end = min(run.finished for run in runs)
    print(f"all jobs started before any finished: {last_start < first_end}")
    #> all jobs started before any finished: False


if __name__ == "__main__":
    main()
