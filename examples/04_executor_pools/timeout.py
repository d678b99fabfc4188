"""result(timeout=...) stops waiting; it does not stop the job."""

import concurrent.futures
import threading
from concurrent.futures import ThreadPoolExecutor

TIMEOUT_SECONDS = 0.1  # how long the caller waits for the result
JOB_LIMIT_SECONDS = 5.0  # the job gives up by itself after this, whatever happens


def slow_job(started: threading.Event, release: threading.Event) -> str:
    started.set()
    release.wait(JOB_LIMIT_SECONDS)  # stands in for a slow call
    return "done"


def main() -> None:
    started, release = threading.Event(), threading.Event()
    with ThreadPoolExecutor(max_workers=1) as pool:
        future = pool.submit(slow_job, started, release)
        started.wait()  # the job is running before the caller starts to wait
        try:
            future.result(timeout=TIMEOUT_SECONDS)
        except TimeoutError:  # the built-in exception (Python 3.11+)
            print(f"no result within {TIMEOUT_SECONDS} s: TimeoutError")
            #> no result within 0.1 s: TimeoutError
        print(f"the job still running: {future.running()}")
        #> the job still running: True
        release.set()  # let the job finish
        print(f"its result, later: {future.result()}")
        #> its result, later: done
    same = concurrent.futures.TimeoutError is TimeoutError
    print(f"concurrent.futures.TimeoutError is TimeoutError: {same}")
    #> concurrent.futures.TimeoutError is TimeoutError: True


if __name__ == "__main__":
    main()
