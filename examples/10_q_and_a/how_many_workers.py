# output: script
"""How many threads? Sweep thread counts on a function; print the best count.

    python how_many_workers.py                          # the demo function below
    python how_many_workers.py mymodule:handle_request  # yours, called with no arguments
    python how_many_workers.py --help                   # the options

For each thread count, every thread calls the function once (a warm-up, not
timed), then calls it again and again for a fixed time. Each count is measured
ROUNDS times and keeps its best throughput. The best count is the knee: the
fewest threads that reach SHARE_OF_PEAK of the highest throughput measured.
Run it on the machine, and with the data, your program will really use.
"""

import argparse
import importlib
import sys
import threading
import time
from collections.abc import Callable

WORKER_COUNTS = [1, 2, 4, 8, 16, 32]  # thread counts tried (--threads)
SECONDS_PER_COUNT = 1.0  # how long each count calls, per round (--seconds)
TIMEOUT_SECONDS = 30.0  # the longest one call may take (--timeout)
ROUNDS = 3  # sweeps, alternating in order; each count keeps its best
SHARE_OF_PEAK = 0.9  # the knee: the fewest threads reaching this share of the peak
DEMO_WAIT_SECONDS = 0.007  # the demo's L: a wait that releases the GIL
DEMO_CPU_SECONDS = 0.001  # the demo's c: pure Python, one call at a time
DEMO_SECONDS_PER_COUNT = 0.04  # the demo's calls are short: short windows,
DEMO_ROUNDS = 5  # and more of them, so each count catches a quiet moment
# One computation at a time, as the GIL would have it; the lock makes that true
# on free-threaded builds too, so the demo's knee is the same on every build.
ONE_AT_A_TIME = threading.Lock()


class SweepError(Exception):
    """The function could not be measured: the message says why."""


def demo_call() -> None:
    """Wait L, then compute c, one call at a time: its knee is (L + c) / c threads."""
    time.sleep(DEMO_WAIT_SECONDS)
    with ONE_AT_A_TIME:
        deadline = time.perf_counter() + DEMO_CPU_SECONDS
        while time.perf_counter() < deadline:
            pass


def throughput(
    function: Callable[[], object], threads: int, seconds: float, timeout: float
) -> float:
    """Calls per second with `threads` threads, each calling in a loop for `seconds`."""
    window: dict[str, float] = {}
    calls, finished = [0] * threads, [0.0] * threads
    failures: list[BaseException] = []

    def open_window() -> None:  # run once, when every thread has warmed up
        window["start"] = time.perf_counter()
        window["stop"] = window["start"] + seconds

    warmed_up = threading.Barrier(threads, action=open_window, timeout=timeout)

    def caller(index: int) -> None:
        try:
            function()  # warm-up: every thread started before the clock starts
            warmed_up.wait()
            while time.perf_counter() < window["stop"]:
                function()
                calls[index] += 1
            finished[index] = time.perf_counter()
        except threading.BrokenBarrierError:
            pass  # another thread failed or was too slow: it reports why
        except BaseException as failure:  # the function's own error, whatever it is
            failures.append(failure)
            warmed_up.abort()

    workers = [
        threading.Thread(target=caller, args=(i,), daemon=True) for i in range(threads)
    ]
    # The longest this can take: a warm-up call, the window, one last call.
    deadline = time.perf_counter() + timeout + seconds + timeout
    for worker in workers:
        try:
            worker.start()
        except RuntimeError as error:  # "can't start new thread": out of memory
            warmed_up.abort()  # release the threads already waiting
            raise SweepError(f"could not start {threads} threads: {error}") from None
    for worker in workers:
        worker.join(max(0.0, deadline - time.perf_counter()))
    if failures:
        failure = failures[0]
        name = type(failure).__name__
        raise SweepError(f"raised {name}: {failure} (called with no arguments)")
    if any(worker.is_alive() for worker in workers) or "start" not in window:
        # Daemon threads: a call that never returns cannot keep the program alive.
        raise SweepError(f"took longer than the timeout ({timeout:g} s) in one call")
    return sum(calls) / (max(finished) - window["start"])


def sweep(
    function: Callable[[], object],
    counts: list[int],
    seconds: float,
    timeout: float,
    rounds: int = ROUNDS,
) -> dict[int, float]:
    """{threads: calls per second}, the best of `rounds`: a busy moment only slows."""
    best = dict.fromkeys(counts, 0.0)
    for number in range(rounds):
        order = counts if number % 2 == 0 else counts[::-1]
        for threads in order:
            rate = throughput(function, threads, seconds, timeout)
            best[threads] = max(best[threads], rate)
    return best


def knee(rates: dict[int, float]) -> int:
    """The fewest threads that reach SHARE_OF_PEAK of the best throughput."""
    peak = max(rates.values())
    return min(n for n, rate in rates.items() if rate >= SHARE_OF_PEAK * peak)


def load_function(spec: str) -> Callable[[], object]:
    """ "package.module:function" -> the function (the current folder is importable)."""
    module_name, colon, name = spec.partition(":")
    if not (module_name and colon and name):
        raise SweepError(
            f"{spec!r} is not module:function, such as mymodule:handle_request"
        )
    if "." not in sys.path:
        sys.path.insert(0, ".")
    try:
        module = importlib.import_module(module_name)
    except Exception as error:  # not found, or its own code failed on import
        raise SweepError(f"cannot import {module_name}: {error}") from None
    function = getattr(module, name, None)
    if not callable(function):
        raise SweepError(f"module {module_name} has no function {name}")
    return function


def bucket(count: int, predicted: float) -> str:
    """A measured count in words, against a factor of two around the prediction."""
    low, high = round(predicted / 2), round(predicted * 2)
    if count < low:
        return f"below {low}"
    return f"between {low} and {high}" if count <= high else f"above {high}"


def report(spec: str, counts: list[int], seconds: float, timeout: float) -> None:
    function = load_function(spec)
    try:
        rates = sweep(function, counts, seconds, timeout)
    except SweepError as error:  # say which function, and how it is called
        raise SweepError(f"{spec} {error}") from None
    print(f"threads calling {spec}, best of {ROUNDS} rounds of {seconds:g} s each")
    print("threads    calls/s     mean latency")
    for threads, rate in rates.items():
        latency = threads / rate if rate else float("inf")  # Little's law: N / X
        print(f"{threads:>7}  {rate:>9,.1f}  {latency * 1000:>12,.3f} ms")
    best = knee(rates)
    print(f"best worker count: {best} ({rates[best]:,.1f} calls/s)")
    if best == max(counts):
        print(
            "the most threads tried: the knee may be further (try more with --threads)"
        )


def demo() -> None:
    wait_ms, cpu_ms = DEMO_WAIT_SECONDS * 1000, DEMO_CPU_SECONDS * 1000
    predicted = (DEMO_WAIT_SECONDS + DEMO_CPU_SECONDS) / DEMO_CPU_SECONDS
    print(f"demo: each call waits {wait_ms:.0f} ms, then computes {cpu_ms:.0f} ms")
    print(f"threads tried: {', '.join(map(str, WORKER_COUNTS))}")
    print(f"predicted knee (L + c) / c: {predicted:.0f} threads")
    rates = sweep(
        demo_call, WORKER_COUNTS, DEMO_SECONDS_PER_COUNT, TIMEOUT_SECONDS, DEMO_ROUNDS
    )
    best = knee(rates)
    print(f"best worker count: {bucket(best, predicted)}")
    ceiling = 1 / DEMO_CPU_SECONDS  # one computation at a time
    near = 0.5 * ceiling <= rates[best] <= 1.1 * ceiling  # wide: machines are noisy
    print(f"its throughput near the ceiling of 1 / c calls/s: {near}")


def thread_counts(text: str) -> list[int]:
    """ "1,2,4" -> [1, 2, 4]: the --threads option."""
    try:
        counts = sorted({int(part) for part in text.split(",")})
    except ValueError:
        counts = []
    if not counts or counts[0] < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a list such as 1,2,4,8")
    return counts


def positive_seconds(text: str) -> float:
    """ "0.5" -> 0.5: the --seconds and --timeout options."""
    try:
        seconds = float(text)
    except ValueError:
        seconds = 0.0
    if not seconds > 0:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a positive number of seconds"
        )
    return seconds


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="how_many_workers.py",
        description=__doc__.splitlines()[0],
        epilog=f"It prints calls per second and mean latency at each count, then the "
        f"best count: the fewest threads reaching {SHARE_OF_PEAK:.0%} of the peak.",
    )
    parser.add_argument(
        "function",
        nargs="?",
        help="module:function to measure, called with no arguments "
        "(default: a demo function with a known knee)",
    )
    parser.add_argument(
        "--threads",
        type=thread_counts,
        default=WORKER_COUNTS,
        help=f"thread counts to try (default: {','.join(map(str, WORKER_COUNTS))})",
    )
    parser.add_argument(
        "--seconds",
        type=positive_seconds,
        default=SECONDS_PER_COUNT,
        help=f"how long each count calls, per round (default: {SECONDS_PER_COUNT:g})",
    )
    parser.add_argument(
        "--timeout",
        type=positive_seconds,
        default=TIMEOUT_SECONDS,
        help=f"give up if one call takes longer (default: {TIMEOUT_SECONDS:g})",
    )
    args = parser.parse_args(argv)
    if args.function is None:
        demo()
        return
    try:
        report(args.function, args.threads, args.seconds, args.timeout)
    except SweepError as error:
        sys.exit(f"{parser.prog}: error: {error}")


if __name__ == "__main__":
    main()

# Output (recorded by `make update`):
#> demo: each call waits 7 ms, then computes 1 ms
#> threads tried: 1, 2, 4, 8, 16, 32
#> predicted knee (L + c) / c: 8 threads
#> best worker count: between 4 and 16
#> its throughput near the ceiling of 1 / c calls/s: True
