# output: script
# requires-python: >=3.14
"""Python 3.14: stop a pool's workers now, and map over an endless input."""

import itertools
import sys
import time
from concurrent.futures import ProcessPoolExecutor, wait

STUCK_SECONDS = 30.0  # a job that would hold its worker this long
WAIT_LIMIT_SECONDS = 5.0
BUFFER = 4  # map(buffersize=...): at most this many results computed ahead


def square(number: int) -> int:
    return number * number


def main() -> None:
    if sys.version_info < (3, 14):
        sys.exit("needs Python 3.14+")
    with ProcessPoolExecutor(max_workers=2) as pool:
        # buffersize: map takes its inputs as results are used, so an endless
        # input works; without it, map would read itertools.count() forever.
        squares = pool.map(square, itertools.count(), buffersize=BUFFER)
        print(f"first squares: {list(itertools.islice(squares, 5))}")

    pool = ProcessPoolExecutor(max_workers=1)
    stuck = pool.submit(time.sleep, STUCK_SECONDS)
    pool.terminate_workers()  # SIGTERM to every worker; the pool is unusable now
    done, _ = wait([stuck], timeout=WAIT_LIMIT_SECONDS)
    # Cancelled if it had not reached a worker, else failed with BrokenProcessPool.
    print(f"the stuck job ended within {WAIT_LIMIT_SECONDS} s: {stuck in done}")
    pool.shutdown()


if __name__ == "__main__":
    main()
