# output: script
# platform: linux
"""Processes x library threads: NumPy's BLAS in each worker, uncapped and capped.

OpenBLAS, the BLAS library inside NumPy's wheels, starts a pool of threads when
it loads, one per CPU by default, and every worker process loads its own copy.
The variables in CAPS limit it, but only if they are set before NumPy is imported.
"""

import os
import time
from concurrent.futures import ProcessPoolExecutor

WORKERS = 2
CAPS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
HOLD_SECONDS = 0.2  # keeps a worker busy, so the next task goes to another one


def threads_after_importing_numpy(_: int) -> tuple[int, int]:
    """(this worker's pid, its thread count once NumPy is loaded)."""
    import numpy  # noqa: F401  # OpenBLAS starts its threads as it loads

    time.sleep(HOLD_SECONDS)
    return os.getpid(), len(os.listdir("/proc/self/task"))  # Linux: one per thread


def cap_library_threads() -> None:
    """A pool initializer: runs in each worker before any task imports NumPy."""
    for name in CAPS:
        os.environ[name] = "1"


def threads_per_worker(capped: bool) -> list[int]:
    initializer = cap_library_threads if capped else None
    with ProcessPoolExecutor(max_workers=WORKERS, initializer=initializer) as pool:
        counts = dict(pool.map(threads_after_importing_numpy, range(WORKERS)))
    return list(counts.values())  # one count per worker process


def main() -> None:
    for name in CAPS:  # start from a clean slate, whatever the shell set
        os.environ.pop(name, None)
    cpus = len(os.sched_getaffinity(0))
    uncapped = threads_per_worker(capped=False)
    print(f"{len(uncapped)} worker processes, uncapped")
    print(f"  threads in the workers exceed the CPUs: {sum(uncapped) > cpus}")
    capped = threads_per_worker(capped=True)
    print(f"{len(capped)} worker processes, capped to 1 thread each")
    print(f"  one thread per worker: {capped == [1] * len(capped)}")


if __name__ == "__main__":
    main()

# Output (recorded by `make update`):
#> 2 worker processes, uncapped
#>   threads in the workers exceed the CPUs: True
#> 2 worker processes, capped to 1 thread each
#>   one thread per worker: True
