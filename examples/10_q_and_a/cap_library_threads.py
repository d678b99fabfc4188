# output: script
# platform: linux
"""Processes x library threads: NumPy's BLAS in each worker, uncapped and capped.

OpenBLAS, the BLAS library inside NumPy's wheels, starts a pool of threads when
it loads, one per CPU by default, and every worker process loads its own copy.
The variables in CAPS limit it, but only if they are set before NumPy is imported.
"""

import os
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor

WORKERS = 2
CAPS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
HOLD_SECONDS = 0.1  # keeps a worker busy, so the next task goes to another one


def cap_library_threads() -> None:
    """One thread per library pool, for libraries loaded after this call."""
    for name in CAPS:
        os.environ[name] = "1"


def threads_after_importing_numpy(_: int) -> tuple[int, int]:
    """(this worker's pid, its thread count once NumPy is loaded)."""
    import numpy  # noqa: F401  # OpenBLAS starts its threads as it loads

    time.sleep(HOLD_SECONDS)
    return os.getpid(), len(os.listdir("/proc/self/task"))  # Linux: one per thread


def threads_per_worker(
    task: Callable[[int], tuple[int, int]],
    initializer: Callable[[], None] | None = None,
) -> list[int]:
    with ProcessPoolExecutor(max_workers=WORKERS, initializer=initializer) as pool:
        counts = dict(pool.map(task, range(WORKERS)))
    return list(counts.values())  # one count per worker process


def main() -> None:
    for name in CAPS:  # start from a clean slate, whatever the shell set
        os.environ.pop(name, None)
    cpus = len(os.sched_getaffinity(0))

    uncapped = threads_per_worker(threads_after_importing_numpy)
    print(f"{len(uncapped)} worker processes, uncapped")
    print(f"  threads in the workers exceed the CPUs: {sum(uncapped) > cpus}")

    capped = threads_per_worker(threads_after_importing_numpy, cap_library_threads)
    print("capped in the pool's initializer, before NumPy loads")
    print(f"  one thread per worker: {capped == [1] * len(capped)}")

    import numpy  # noqa: F401  # now in this process: OpenBLAS reads the variables

    cap_library_threads()  # too late for this process
    threads = len(os.listdir("/proc/self/task"))
    print("this process, capped after NumPy loaded")
    print(f"  one thread: {threads == 1}")


if __name__ == "__main__":
    main()

# Output (recorded by `make update`):
#> 2 worker processes, uncapped
#>   threads in the workers exceed the CPUs: True
#> capped in the pool's initializer, before NumPy loads
#>   one thread per worker: True
#> this process, capped after NumPy loaded
#>   one thread: False
