# output: script
"""Amdahl's Law, measured: a job with a serial part, run by 1 to 32 workers.

A job takes T1 seconds on one worker; a fraction s of it is serial (one worker
does it while the others idle) and the rest splits evenly between n workers, so
T(n) = T1 * (s + (1 - s) / n) and no number of workers beats T1 * s.

Two series. "threads": the parallel part is waits (sleeps, which release the
GIL), so 32 threads really do overlap. "processes": it is pure-Python work, so
the machine's cores cap the speedup. Each pool starts and every worker runs
once before the clock starts: the timed part is the job alone.
`make bench BENCH=amdahl` times every point at full size and fits T1 and s;
the claims tests rerun it at small size. Run as a script, it fits a short sweep.
"""

import itertools
import multiprocessing
import statistics
import threading
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from typing import Any

KIND = "sweep"
MODEL = "amdahl"
PARAMETER = "workers"
SERIAL_FRACTION = 0.1  # s: the share of a one-worker run that cannot be split
SERIES: dict[str, list[int]] = {  # workers per point (`make bench`)
    "threads": [1, 2, 4, 8, 16, 32],
    "processes": [1, 2, 3, 4],
}
SMALL_SERIES: dict[str, list[int]] = {  # the claims tests
    "threads": [1, 2, 4, 8, 16, 32],
    "processes": [1, 2, 4],
}
WAIT_SECONDS = {"full": 1.0, "small": 0.4}  # T1 of the "threads" job
SPIN_STEPS = {"full": 30_000_000, "small": 12_000_000}  # the "processes" job
EXPECTED_SECONDS = 55  # a full-size run, 5 rounds (about 10 s each), on 2 cores
MAIN_REPEATS = 3  # main(): median of this many short sweeps
START_TIMEOUT = 60  # seconds a pool may take to start every worker


def fit_amdahl(workers: list[int], seconds: list[float]) -> tuple[float, float]:
    """Least squares of T against 1/n: T = a + b/n, a = T1*s, b = T1*(1-s)."""
    x = [1 / n for n in workers]
    mean_x, mean_t = statistics.fmean(x), statistics.fmean(seconds)
    sxx = sum((xi - mean_x) ** 2 for xi in x)
    sxt = sum((xi - mean_x) * (ti - mean_t) for xi, ti in zip(x, seconds, strict=True))
    slope = sxt / sxx
    intercept = mean_t - slope * mean_x
    t1 = intercept + slope
    return t1, intercept / t1


def amdahl_speedup(workers: int, serial_fraction: float = SERIAL_FRACTION) -> float:
    return 1 / (serial_fraction + (1 - serial_fraction) / workers)


# --- "threads": the job is waits -------------------------------------------


def wait_for(seconds: float) -> float:
    time.sleep(seconds)  # releases the GIL, like a network round trip
    return seconds


def wait_job(pool: ThreadPoolExecutor, workers: int, t1: float) -> float:
    waited = wait_for(t1 * SERIAL_FRACTION)  # serial: one thread, the others idle
    share = t1 * (1 - SERIAL_FRACTION) / workers  # parallel: split evenly
    futures = [pool.submit(wait_for, share) for _ in range(workers)]
    return waited + sum(future.result() for future in futures)


# --- "processes": the job is pure-Python work ------------------------------

_start_barrier: Any = None  # set in each worker process by its initializer


def remember_barrier(barrier) -> None:
    global _start_barrier
    _start_barrier = barrier


def meet_at_barrier() -> int:
    # A worker blocked here cannot take a second task: n tasks, n workers.
    _start_barrier.wait(timeout=START_TIMEOUT)
    return 1


def spin(start: int, stop: int) -> int:
    """Pure-Python arithmetic over steps start..stop-1: holds the GIL throughout."""
    total = 0
    for step in range(start, stop):
        total += step % 7
    return total


def spin_job(pool: ProcessPoolExecutor, workers: int, steps: int) -> int:
    serial_steps = int(steps * SERIAL_FRACTION)
    total = spin(0, serial_steps)  # serial: the parent alone, the workers idle
    # Parallel: the remaining steps in `workers` equal slices.
    bounds = [
        serial_steps + (steps - serial_steps) * k // workers for k in range(workers + 1)
    ]
    futures = [pool.submit(spin, lo, hi) for lo, hi in itertools.pairwise(bounds)]
    return total + sum(future.result() for future in futures)


# --- what the benchmark runner calls ---------------------------------------


def measure_point(series: str, workers: int, size: str) -> float:
    """Start and warm a pool of `workers`, then time one job; seconds."""
    if series == "threads":
        barrier = threading.Barrier(workers)
        with ThreadPoolExecutor(max_workers=workers) as pool:
            # Every thread starts (each blocks until all have) before the clock.
            warm = [pool.submit(barrier.wait, START_TIMEOUT) for _ in range(workers)]
            for future in warm:
                future.result()  # raises if a thread never arrived
            started = time.perf_counter()
            wait_job(pool, workers, WAIT_SECONDS[size])
            return time.perf_counter() - started
    if series == "processes":
        barrier = multiprocessing.Barrier(workers)
        with ProcessPoolExecutor(
            max_workers=workers, initializer=remember_barrier, initargs=(barrier,)
        ) as pool:
            warm = [pool.submit(meet_at_barrier) for _ in range(workers)]
            assert sum(future.result() for future in warm) == workers
            started = time.perf_counter()
            spin_job(pool, workers, SPIN_STEPS[size])
            return time.perf_counter() - started
    raise ValueError(f"unknown series: {series!r}")


def main() -> None:
    print(f"serial fraction {SERIAL_FRACTION}: no number of workers beats 10x")
    for workers in (2, 4, 32):
        speedup = amdahl_speedup(workers)
        print(f"Amdahl's speedup with {workers:>2} workers: {speedup:.2f}x")
    exact = [WAIT_SECONDS["small"] / amdahl_speedup(n) for n in SERIES["threads"]]
    _, serial = fit_amdahl(SERIES["threads"], exact)
    print(
        f"the fit recovers s from exact times: {abs(serial - SERIAL_FRACTION) < 1e-9}"
    )
    counts = SMALL_SERIES["threads"]
    sweeps = [
        [measure_point("threads", n, "small") for n in counts]
        for _ in range(MAIN_REPEATS)
    ]
    medians = [statistics.median(times) for times in zip(*sweeps, strict=True)]
    _, serial = fit_amdahl(counts, medians)
    close = abs(serial - SERIAL_FRACTION) <= 0.2 * SERIAL_FRACTION
    print(f"threads 1-32, waits: fitted serial fraction within 20% of 0.1: {close}")
    steps = 100_003  # not divisible by any worker count: the slices still add up
    with ProcessPoolExecutor(max_workers=max(SERIES["processes"])) as pool:
        totals = {spin_job(pool, n, steps) for n in SERIES["processes"]}
    print(f"processes 1-4 split the same work: {totals == {spin(0, steps)}}")


if __name__ == "__main__":
    main()

# Output (recorded by `make update`):
#> serial fraction 0.1: no number of workers beats 10x
#> Amdahl's speedup with  2 workers: 1.82x
#> Amdahl's speedup with  4 workers: 3.08x
#> Amdahl's speedup with 32 workers: 7.80x
#> the fit recovers s from exact times: True
#> threads 1-32, waits: fitted serial fraction within 20% of 0.1: True
#> processes 1-4 split the same work: True
