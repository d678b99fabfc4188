"""Size a pool with Little's law: workers busy at once = throughput x latency."""

import math

TARGET_CALLS_PER_SECOND = 400  # the throughput you need
WAIT_SECONDS = 0.020  # L: each call's wait (a database, a remote API)
CPU_SECONDS = 0.002  # c: each call's pure-Python computing, holding the GIL


def workers_needed(calls_per_second: float, latency_seconds: float) -> int:
    """Little's law, rounded up: a worker serves one call at a time."""
    return math.ceil(round(calls_per_second * latency_seconds, 9))


def main() -> None:
    latency = WAIT_SECONDS + CPU_SECONDS
    print(f"latency of one call: {latency * 1000:.0f} ms")
    #> latency of one call: 22 ms
    workers = workers_needed(TARGET_CALLS_PER_SECOND, latency)
    print(f"workers for {TARGET_CALLS_PER_SECOND} calls/s: {workers}")
    #> workers for 400 calls/s: 9

    # Under the GIL the computing parts take turns on one core.
    gil_busy = TARGET_CALLS_PER_SECOND * CPU_SECONDS
    print(f"share of the GIL the computing needs: {gil_busy:.0%}")
    #> share of the GIL the computing needs: 80%
    ceiling = 1 / CPU_SECONDS
    print(f"most calls/s one interpreter can serve (1 / c): {ceiling:.0f}")
    #> most calls/s one interpreter can serve (1 / c): 500
    print(f"workers to reach that ceiling: {workers_needed(ceiling, latency)}")
    #> workers to reach that ceiling: 11


if __name__ == "__main__":
    main()
