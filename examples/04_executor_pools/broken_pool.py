# output: script
"""A worker process dies: the pool is broken for good; a new pool works."""

import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool


def crash() -> int:
    os._exit(1)  # the worker exits at once, as if killed or out of memory


def square(number: int) -> int:
    return number * number


def main() -> None:
    with ProcessPoolExecutor(max_workers=1) as pool:
        dying, waiting = pool.submit(crash), pool.submit(square, 3)
        for name, future in [("the crashed job", dying), ("a waiting job", waiting)]:
            try:
                future.result()
            except BrokenProcessPool as error:
                print(f"{name}: {type(error).__name__}: {error}")
        try:
            pool.submit(square, 4)
        except BrokenProcessPool as error:
            print(f"a new job: {type(error).__name__}: {error}")

    with ProcessPoolExecutor(max_workers=1) as pool:  # recover: a new pool
        print(f"a new pool: {pool.submit(square, 4).result()}")


if __name__ == "__main__":
    main()

# Output (recorded by `make update`):
#> the crashed job: BrokenProcessPool: A process in the process pool was terminated abruptly while the future was running or pending.
#> a waiting job: BrokenProcessPool: A process in the process pool was terminated abruptly while the future was running or pending.
#> a new job: BrokenProcessPool: A child process terminated abruptly, the process pool is not usable anymore
#> a new pool: 16
