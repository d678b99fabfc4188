# output: script
"""How many threads? 1 to 64 threads calling a service that waits, then computes.

Each call waits WAIT_SECONDS (a sleep: it releases the GIL, like a database
round trip), then computes in pure Python for CPU_SECONDS (holding the GIL).
Waits overlap; the GIL lets one computation run at a time. So throughput grows
with threads until the computations fill the GIL: at n = (L + c) / c threads
(the knee) it reaches its ceiling of 1 / c calls per second, and every thread
past the knee only queues for the GIL, adding about c to each call's latency.

Each thread calls in a closed loop (the next call as soon as the last returns)
for a fixed time. `make bench BENCH=thread_count` sweeps SERIES at full size;
the claims tests rerun SMALL_SERIES. Run as a script, it checks the knee.
"""

import statistics
import threading
import time

KIND = "sweep"
MODEL = "knee"
PARAMETER = "threads"
WAIT_SECONDS = 0.020  # L: the GIL-free wait in each call
CPU_SECONDS = 0.002  # c: the pure-Python computation in each call
SERIES: dict[str, list[int]] = {  # threads per point (`make bench`)
    "threads": [1, 2, 4, 8, 10, 12, 16, 24, 32, 48, 64],
}
SMALL_SERIES: dict[str, list[int]] = {  # the claims tests, and main()
    "threads": [1, 2, 4, 8, 12, 16, 32, 64],
}
DURATION_SECONDS = {"full": 1.2, "small": 0.4}  # the shortest window per point
WARMUP_ROUNDS = 3  # calls per thread before the window opens: past the first rush
WINDOW_ROUNDS = 8  # at least this many calls per thread inside the window
EXPECTED_SECONDS = 85  # a full-size run, 5 rounds (about 16 s each)
MAIN_SWEEPS = 3  # main(): the median of this many short sweeps, in turn reversed


def compute(seconds: float) -> int:
    """Pure Python, holding the GIL, until `seconds` have passed: steps done."""
    deadline = time.perf_counter() + seconds
    steps = 0
    while time.perf_counter() < deadline:
        steps += 1
    return steps


def call() -> int:
    """One call to the service: a wait, then a computation."""
    time.sleep(WAIT_SECONDS)
    return compute(CPU_SECONDS)


def predicted_knee() -> float:
    """Threads needed to keep the GIL busy: one computes while the rest wait."""
    return (WAIT_SECONDS + CPU_SECONDS) / CPU_SECONDS


def knee(threads: list[int], throughput: list[float], share: float = 0.9) -> int:
    """The fewest threads that reach `share` of the peak throughput."""
    peak = max(throughput)
    return min(n for n, x in zip(threads, throughput, strict=True) if x >= share * peak)


def latency_slope(threads: list[int], latency: list[float], start: int) -> float:
    """Seconds of latency each extra thread adds, fitted over points >= start."""
    points = [(n, t) for n, t in zip(threads, latency, strict=True) if n >= start]
    mean_n = statistics.fmean(n for n, _ in points)
    mean_t = statistics.fmean(t for _, t in points)
    snn = sum((n - mean_n) ** 2 for n, _ in points)
    return sum((n - mean_n) * (t - mean_t) for n, t in points) / snn


def client(
    window: dict[str, float], start: threading.Barrier, latencies: list[float]
) -> None:
    start.wait()
    while True:
        began = time.perf_counter()
        call()
        ended = time.perf_counter()
        if ended > window["stop"]:
            return
        if ended >= window["open"]:
            latencies.append(ended - began)


def measure_point(series: str, threads: int, size: str) -> dict[str, float]:
    """Run `threads` closed-loop clients for a fixed window: calls/s and latency."""
    if series != "threads":
        raise ValueError(f"unknown series: {series!r}")
    window: dict[str, float] = {}

    # Steady state: a call takes L + c, or n * c once the GIL is the queue.
    steady = max(WAIT_SECONDS + CPU_SECONDS, threads * CPU_SECONDS)
    duration = max(DURATION_SECONDS[size], WINDOW_ROUNDS * steady)

    def open_window() -> None:  # runs once, when every client has started
        window["open"] = time.perf_counter() + WARMUP_ROUNDS * steady
        window["stop"] = window["open"] + duration

    start = threading.Barrier(threads, action=open_window)
    latencies: list[list[float]] = [[] for _ in range(threads)]
    workers = [
        threading.Thread(target=client, args=(window, start, latencies[i]))
        for i in range(threads)
    ]
    try:
        for worker in workers:
            worker.start()
    except BaseException:
        start.abort()  # a thread failed to start: release those already waiting
        raise
    finally:
        for worker in workers:
            if worker.ident is not None:  # started
                worker.join()
    done = [latency for per_thread in latencies for latency in per_thread]
    return {
        "throughput": len(done) / duration,
        "latency_mean": statistics.fmean(done),
        "latency_p90": statistics.quantiles(done, n=10)[-1],
    }


def main() -> None:
    predicted = predicted_knee()
    wait_ms, cpu_ms = WAIT_SECONDS * 1000, CPU_SECONDS * 1000
    print(f"each call waits L = {wait_ms:.0f} ms, then computes c = {cpu_ms:.0f} ms")
    print(f"predicted knee: (L + c) / c = {predicted:.0f} threads")
    print(f"predicted ceiling: 1 / c = {1 / CPU_SECONDS:.0f} calls/s")
    threads = SMALL_SERIES["threads"]
    # One sweep can land on a busy minute of a shared machine: take medians.
    runs: dict[int, list[dict[str, float]]] = {n: [] for n in threads}
    for sweep in range(MAIN_SWEEPS):
        for n in threads if sweep % 2 == 0 else threads[::-1]:
            runs[n].append(measure_point("threads", n, "small"))
    throughput = [statistics.median(p["throughput"] for p in runs[n]) for n in threads]
    measured = knee(threads, throughput)
    close = predicted / 2 <= measured <= predicted * 2
    print(f"measured knee within 2x of the prediction: {close}")
    latency = [statistics.median(p["latency_mean"] for p in runs[n]) for n in threads]
    past = min(2 * measured, threads[-2])  # at least two points to fit
    added = latency_slope(threads, latency, start=past) / CPU_SECONDS
    print(f"past the knee, each thread adds c/2 to 2c of latency: {0.5 <= added <= 2}")


if __name__ == "__main__":
    main()

# Output (recorded by `make update`):
#> each call waits L = 20 ms, then computes c = 2 ms
#> predicted knee: (L + c) / c = 11 threads
#> predicted ceiling: 1 / c = 500 calls/s
#> measured knee within 2x of the prediction: True
#> past the knee, each thread adds c/2 to 2c of latency: True
