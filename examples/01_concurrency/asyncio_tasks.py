"""The same three jobs as asyncio tasks: their waits overlap on one thread."""

import asyncio
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


async def do_job(job: str) -> Run:
    started = time.monotonic()
    await asyncio.sleep(WAIT_SECONDS)  # hands control back to the event loop
    return Run(job, threading.get_ident(), started, time.monotonic())


async def do_all_jobs() -> list[Run]:
    return await asyncio.gather(*(do_job(job) for job in JOBS))


def main() -> None:
    runs = asyncio.run(do_all_jobs())
    print(f"jobs done: {[run.job for run in runs]}")  # gather keeps the order
    #> jobs done: ['a', 'b', 'c']
    print(f"threads used: {len({run.thread for run in runs})}")
    #> threads used: 1
    last_start = max(run.started for run in runs)
    first_end = min(run.finished for run in runs)
    print(f"all jobs started before any finished: {last_start < first_end}")
    #> all jobs started before any finished: True


if __name__ == "__main__":
    main()
