"""The same three jobs, each on its own thread: their waits overlap."""

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


def do_job(job: str, runs: list[Run]) -> None:
    started = time.monotonic()
    time.sleep(WAIT_SECONDS)  # a blocked thread lets the others run
    runs.append(Run(job, threading.get_ident(), started, time.monotonic()))


def main() -> None:
    runs: list[Run] = []
    threads = []
    for job in JOBS:
        thread = threading.Thread(target=do_job, args=(job, runs))
        thread.start()  # returns at once: the job runs on its own thread
        threads.append(thread)
    for thread in threads:
        thread.join()  # wait until this thread's job is done
    # Threads finish in whatever order the OS picks: sort before printing.
    print(f"jobs done: {sorted(run.job for run in runs)}")
    #> jobs done: ['a', 'b', 'c']
    print(f"threads used: {len({run.thread for run in runs})}")
    #> threads used: 3
    last_start = max(run.started for run in runs)
    first_end = min(run.finished for run in runs)
    print(f"all jobs started before any finished: {last_start < first_end}")
    #> all jobs started before any finished: True


if __name__ == "__main__":
    main()
