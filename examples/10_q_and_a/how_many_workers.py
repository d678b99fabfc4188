# output: script
"""How many threads? Sweep a thread pool's size on a function; print the best count.

    python how_many_workers.py                          # the demo function below
    python how_many_workers.py mymodule:handle_request  # yours, called with no arguments

Run it on the machine, and with the data, your program will really use. The
best count is the knee: the fewest workers that reach SHARE_OF_PEAK of the
highest throughput measured; more workers than that add little or nothing.
"""

import argparse
import importlib
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

WORKER_COUNTS = [1, 2, 4, 8, 16, 32]
CALLS_PER_WORKER = 8  # timed calls per worker at each count
ROUNDS = 2  # sweeps, alternating in order; each count keeps its best
SHARE_OF_PEAK = 0.9  # the knee: the fewest workers reaching this share of the peak
DEMO_WAIT_SECONDS = 0.007  # the demo's L: a wait that releases the GIL
DEMO_CPU_SECONDS = 0.001  # the demo's c: pure Python, one call at a time
# One computation at a time, as the GIL would have it; the lock makes that true
# on free-threaded builds too, so the demo's knee is the same on every build.
ONE_AT_A_TIME = threading.Lock()


def demo_call() -> None:
    """Wait L, then compute c, one call at a time: its knee is (L + c) / c workers."""
    time.sleep(DEMO_WAIT_SECONDS)
    with ONE_AT_A_TIME:
        deadline = time.perf_counter() + DEMO_CPU_SECONDS
        while time.perf_counter() < deadline:
            pass


def throughput(function: Callable[[], object], workers: int) -> float:
    """Calls per second with `workers` threads, each taking the next call when free."""
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for future in [pool.submit(function) for _ in range(workers)]:
            future.result()  # warm-up: every thread started before the clock starts
        calls = workers * CALLS_PER_WORKER
        started = time.perf_counter()
        for future in [pool.submit(function) for _ in range(calls)]:
            future.result()
        return calls / (time.perf_counter() - started)


def sweep(function: Callable[[], object]) -> dict[int, float]:
    """{workers: calls per second}, the best of ROUNDS: a busy moment only slows."""
    best = dict.fromkeys(WORKER_COUNTS, 0.0)
    for number in range(ROUNDS):
        order = WORKER_COUNTS if number % 2 == 0 else WORKER_COUNTS[::-1]
        for workers in order:
            best[workers] = max(best[workers], throughput(function, workers))
    return best


def knee(rates: dict[int, float]) -> int:
    """The fewest workers that reach SHARE_OF_PEAK of the best throughput."""
    peak = max(rates.values())
    return min(n for n, rate in rates.items() if rate >= SHARE_OF_PEAK * peak)


def load_function(spec: str) -> Callable[[], object]:
    """ "package.module:function" -> the function (the current folder is importable)."""
    module_name, _, name = spec.partition(":")
    sys.path.insert(0, ".")
    function: Callable[[], object] = getattr(importlib.import_module(module_name), name)
    return function


def bucket(count: int, predicted: float) -> str:
    """A measured count in words, against a factor of two around the prediction."""
    low, high = round(predicted / 2), round(predicted * 2)
    if count < low:
        return f"below {low}"
    return f"between {low} and {high}" if count <= high else f"above {high}"


def report(spec: str) -> None:
    rates = sweep(load_function(spec))
    print(f"threads calling {spec}")
    print("threads  calls/s")
    for workers, rate in rates.items():
        print(f"{workers:>7}  {rate:,.1f}")
    best = knee(rates)
    print(f"best worker count: {best} ({rates[best]:,.1f} calls/s)")


def demo() -> None:
    wait_ms, cpu_ms = DEMO_WAIT_SECONDS * 1000, DEMO_CPU_SECONDS * 1000
    predicted = (DEMO_WAIT_SECONDS + DEMO_CPU_SECONDS) / DEMO_CPU_SECONDS
    print(f"demo: each call waits {wait_ms:.0f} ms, then computes {cpu_ms:.0f} ms")
    print(f"threads tried: {', '.join(map(str, WORKER_COUNTS))}")
    print(f"predicted knee (L + c) / c: {predicted:.0f} threads")
    rates = sweep(demo_call)
    best = knee(rates)
    print(f"best worker count: {bucket(best, predicted)}")
    ceiling = 1 / DEMO_CPU_SECONDS  # one computation at a time
    near = 0.5 * ceiling <= rates[best] <= 1.1 * ceiling  # wide: machines are noisy
    print(f"its throughput near the ceiling of 1 / c calls/s: {near}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("function", nargs="?", help="module:function to measure")
    args = parser.parse_args(argv)
    if args.function:
        report(args.function)
    else:
        demo()


if __name__ == "__main__":
    main()

# Output (recorded by `make update`):
#> demo: each call waits 7 ms, then computes 1 ms
#> threads tried: 1, 2, 4, 8, 16, 32
#> predicted knee (L + c) / c: 8 threads
#> best worker count: between 4 and 16
#> its throughput near the ceiling of 1 / c calls/s: True
