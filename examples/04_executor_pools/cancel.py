"""cancel() stops a job that has not started; shutdown can cancel all of those."""

import threading
from concurrent.futures import CancelledError, ThreadPoolExecutor

WAITING_JOBS = 3
JOB_LIMIT_SECONDS = 5.0  # the first job gives up by itself after this


def first_job(started: threading.Event, release: threading.Event) -> str:
    started.set()
    release.wait(JOB_LIMIT_SECONDS)  # keeps the only worker busy until released
    return "first"


def later_job(number: int) -> str:
    return f"job {number}"


def cancel_one() -> None:
    started, release = threading.Event(), threading.Event()
    with ThreadPoolExecutor(max_workers=1) as pool:
        running = pool.submit(first_job, started, release)
        waiting = [pool.submit(later_job, n) for n in range(WAITING_JOBS)]
        started.wait()
        print(f"cancel() the running job: {running.cancel()}")
        #> cancel() the running job: False
        print(f"cancel() a waiting job: {waiting[0].cancel()}")
        #> cancel() a waiting job: True
        release.set()
    print(f"cancelled: {[future.cancelled() for future in [running, *waiting]]}")
    #> cancelled: [False, True, False, False]
    try:
        waiting[0].result()
    except CancelledError:
        print("result() of a cancelled future raised CancelledError")
        #> result() of a cancelled future raised CancelledError


def cancel_on_shutdown() -> None:
    started, release = threading.Event(), threading.Event()
    pool = ThreadPoolExecutor(max_workers=1)
    running = pool.submit(first_job, started, release)
    waiting = [pool.submit(later_job, n) for n in range(WAITING_JOBS)]
    started.wait()
    pool.shutdown(wait=False, cancel_futures=True)  # cancels every waiting job
    release.set()
    pool.shutdown()  # waits for the running job
    cancelled = sum(future.cancelled() for future in waiting)
    print(f"running job's result: {running.result()!r}")
    #> running job's result: 'first'
    print(f"waiting jobs cancelled by shutdown: {cancelled} of {WAITING_JOBS}")
    #> waiting jobs cancelled by shutdown: 3 of 3


def main() -> None:
    cancel_one()
    cancel_on_shutdown()


if __name__ == "__main__":
    main()
