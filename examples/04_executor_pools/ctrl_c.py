# output: script
"""Ctrl-C while a pool has work: the with block still waits for every job.

The example presses Ctrl-C itself: signal.raise_signal(SIGINT) sends the
signal a terminal sends, at a known moment, so every run is the same.
"""

import signal
import threading
from concurrent.futures import Future, ThreadPoolExecutor

JOBS = 6
WORKERS = 2
JOB_SECONDS = 0.05  # a job's length, unless released sooner
JOB_LIMIT_SECONDS = 5.0  # in the second run, jobs wait to be released, at most this


def job(started: threading.Semaphore, release: threading.Event, seconds: float) -> str:
    started.release()  # tell the main thread this job is running
    release.wait(seconds)
    return "done"


def submit_then_interrupt(
    pool: ThreadPoolExecutor, futures: list[Future[str]], job_args: tuple
) -> None:
    started = threading.Semaphore(0)
    futures += [pool.submit(job, started, *job_args) for _ in range(JOBS)]
    for _ in range(WORKERS):
        started.acquire()  # both workers busy, the other jobs waiting
    signal.raise_signal(signal.SIGINT)  # as if the user pressed Ctrl-C now


def finished(futures: list[Future[str]]) -> int:
    return sum(f.done() and not f.cancelled() for f in futures)


def the_with_block_waits() -> None:
    futures: list[Future[str]] = []
    try:
        with ThreadPoolExecutor(max_workers=WORKERS) as pool:
            submit_then_interrupt(pool, futures, (threading.Event(), JOB_SECONDS))
            print("never printed: the interrupt comes first")
    except KeyboardInterrupt:
        print(f"KeyboardInterrupt, after {finished(futures)} of {JOBS} jobs finished")


def cancel_what_has_not_started() -> None:
    futures: list[Future[str]] = []
    release = threading.Event()
    try:
        with ThreadPoolExecutor(max_workers=WORKERS) as pool:
            try:
                submit_then_interrupt(pool, futures, (release, JOB_LIMIT_SECONDS))
            except KeyboardInterrupt:
                pool.shutdown(wait=False, cancel_futures=True)
                release.set()  # the running jobs end now
                raise
    except KeyboardInterrupt:
        cancelled = sum(f.cancelled() for f in futures)
        print(
            f"with cancel_futures: {finished(futures)} finished, {cancelled} cancelled"
        )


def main() -> None:
    the_with_block_waits()
    cancel_what_has_not_started()


if __name__ == "__main__":
    main()

# Output (recorded by `make update`):
#> KeyboardInterrupt, after 6 of 6 jobs finished
#> with cancel_futures: 2 finished, 4 cancelled
