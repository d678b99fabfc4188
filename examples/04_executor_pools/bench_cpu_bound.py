# output: script
"""One CPU-bound workload, run one job after another and by pools of 1, 2, 4 workers.

The executors are pluggable: any class with the `concurrent.futures.Executor`
API runs the same jobs. `make bench BENCH=cpu_bound` times every variant at
FULL_SIZE; the claims tests rerun it at SMALL_SIZE. Run as a script, it checks
that every variant computes the same answer.
"""

from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from functools import partial

KIND = "comparison"  # how tools/bench measures and renders it
JOBS = 8  # identical jobs per run: divisible by every worker count
WORKER_COUNTS = (1, 2, 4)
FULL_SIZE = 200_000  # each job counts the primes below this (`make bench`)
SMALL_SIZE = 90_000  # the claims tests: still long enough to dwarf pool start-up
CHECK_SIZE = 10_000  # main(): a quick check that every variant agrees
ROUNDS = {"full": 6, "small": 5}  # rounds of every variant and the capacity probe
EXPECTED_SECONDS = 200  # a full-size benchmark run on 2 cores, probes included


def count_primes(limit: int) -> int:
    """Trial division in pure Python: CPU-bound, holding the GIL throughout."""
    count = 0
    for number in range(2, limit):
        for divisor in range(2, int(number**0.5) + 1):
            if number % divisor == 0:
                break
        else:
            count += 1
    return count


def run_sequentially(size: int) -> list[int]:
    return [count_primes(size) for _ in range(JOBS)]


def run_in_pool(
    executor_class: Callable[..., Executor], workers: int, size: int
) -> list[int]:
    # The pool starts and stops inside the timed call: start-up is part of the cost.
    with executor_class(max_workers=workers) as pool:
        return list(pool.map(count_primes, [size] * JOBS))


# Any class with the Executor API plugs in here and runs the same jobs.
EXECUTORS: dict[str, Callable[..., Executor]] = {
    "threads": ThreadPoolExecutor,
    "processes": ProcessPoolExecutor,
}

# What the benchmark runner times: the first entry is the baseline.
VARIANTS: dict[str, Callable[[int], list[int]]] = {
    "sequential": run_sequentially,
    **{
        f"{kind}-{workers}": partial(run_in_pool, executor_class, workers)
        for kind, executor_class in EXECUTORS.items()
        for workers in WORKER_COUNTS
    },
}


def main() -> None:
    answers = {name: variant(CHECK_SIZE) for name, variant in VARIANTS.items()}
    expected = answers["sequential"]
    print(f"{JOBS} jobs, each counts the primes below {CHECK_SIZE:,}: {expected[0]:,}")
    for name, answer in answers.items():
        print(f"{name:<12} same answers as sequential: {answer == expected}")


if __name__ == "__main__":
    main()

# Output (recorded by `make update`):
#> 8 jobs, each counts the primes below 10,000: 1,229
#> sequential   same answers as sequential: True
#> threads-1    same answers as sequential: True
#> threads-2    same answers as sequential: True
#> threads-4    same answers as sequential: True
#> processes-1  same answers as sequential: True
#> processes-2  same answers as sequential: True
#> processes-4  same answers as sequential: True
