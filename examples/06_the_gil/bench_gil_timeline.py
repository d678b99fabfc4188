# output: script
"""Which thread ran when: the GIL made visible in three short runs.

Each thread takes a timestamp (time.perf_counter) between small pieces of its
work. A thread that holds the GIL, or works in C code that released it, takes
its timestamps microseconds apart; a thread waiting for the GIL takes none. So
the stretches of closely spaced timestamps are the times the thread ran, and a
gap longer than GAP_SECONDS is a time it did not. `make bench
BENCH=gil_timeline` records every scenario's slices and draws them as lanes;
run as a script, it prints what the slices show.
"""

import hashlib
import itertools
import threading
import time
from collections.abc import Callable, Mapping

KIND = "timeline"  # how tools/bench measures and renders it
RUN_SECONDS = {"full": 0.06, "small": 0.03}  # how long each scenario runs
GAP_SECONDS = 0.0001  # timestamps further apart than this: the thread did not run
SPIN_STEPS = 20  # pure-Python work between two timestamps (about a microsecond)
HASH_BUFFER_BYTES = 16 * 1024  # over hashlib's 2,048-byte threshold: GIL released
IO_WAIT_SECONDS = 0.001  # the I/O thread's wait, a stand-in for a network read
EXPECTED_SECONDS = 10  # a full-size run, 3 rounds, on 2 cores
BUFFER = bytes(HASH_BUFFER_BYTES)

Work = Callable[[], object]


def spin() -> int:
    """A sliver of pure-Python work: holds the GIL."""
    total = 0
    for step in range(SPIN_STEPS):
        total += step
    return total


def hash_buffer() -> bytes:
    """sha256 over a buffer of 2,048 bytes or more: C code that releases the GIL."""
    return hashlib.sha256(BUFFER).digest()


def wait_for_io() -> None:
    time.sleep(IO_WAIT_SECONDS)  # releases the GIL, as a blocking read does


def record(work: Work, gate: threading.Event, until: list[float]) -> list[float]:
    """Do `work` again and again until the deadline, timestamping each piece."""
    gate.wait()
    stamps = [time.perf_counter()]
    while stamps[-1] < until[0]:
        work()
        stamps.append(time.perf_counter())
    return stamps


def to_slices(stamps: list[float], start: float) -> list[list[float]]:
    """Runs of timestamps closer than GAP_SECONDS -> [[start, end], ...]."""
    slices = [[stamps[0] - start, stamps[0] - start]]
    for previous, stamp in itertools.pairwise(stamps):
        if stamp - previous > GAP_SECONDS:
            slices.append([stamp - start, stamp - start])
        else:
            slices[-1][1] = stamp - start
    return slices


def run_threads(
    works: Mapping[str, Work], seconds: float
) -> dict[str, list[list[float]]]:
    """Start one thread per work, release them together, return their slices."""
    gate, until = threading.Event(), [0.0]
    stamps: dict[str, list[float]] = {}

    def target(name: str) -> None:
        stamps[name] = record(works[name], gate, until)

    threads = [threading.Thread(target=target, args=(name,)) for name in works]
    for thread in threads:
        thread.start()
    start = time.perf_counter()
    until[0] = start + seconds
    gate.set()
    for thread in threads:
        thread.join()
    return {name: to_slices(stamps[name], start) for name in works}


def two_cpu_threads(size: str) -> dict[str, list[list[float]]]:
    return run_threads({"thread 1": spin, "thread 2": spin}, RUN_SECONDS[size])


def cpu_and_io_threads(size: str) -> dict[str, list[list[float]]]:
    works = {"CPU thread": spin, "I/O thread": wait_for_io}
    return run_threads(works, RUN_SECONDS[size])


def two_hashing_threads(size: str) -> dict[str, list[list[float]]]:
    works = {"thread 1": hash_buffer, "thread 2": hash_buffer}
    return run_threads(works, RUN_SECONDS[size])


# What the benchmark runner runs, one lane per thread.
SCENARIOS = {
    "two CPU-bound threads": two_cpu_threads,
    "a CPU-bound thread and an I/O thread": cpu_and_io_threads,
    "two threads in hashlib.sha256": two_hashing_threads,
}


def longest_overlap(first: list[list[float]], second: list[list[float]]) -> float:
    """The longest stretch, in seconds, during which both threads were running.

    A thread switched out for less than GAP_SECONDS shows no gap, so anything
    shorter than that is within the measurement's resolution.
    """
    return max(
        min(a_end, b_end) - max(a_start, b_start)
        for a_start, a_end in first
        for b_start, b_end in second
    )


def main() -> None:
    # Only the scenarios whose threads need the GIL: their answer is the same on
    # every run. Whether two hashing threads overlap depends on the free cores.
    for name in ("two CPU-bound threads", "a CPU-bound thread and an I/O thread"):
        first, second = SCENARIOS[name]("small").values()
        both = longest_overlap(first, second) > GAP_SECONDS
        print(f"{name}: ever both running: {both}")


if __name__ == "__main__":
    main()

# Output (recorded by `make update` on Python 3.11, 3.12, 3.13):
#> two CPU-bound threads: ever both running: False
#> a CPU-bound thread and an I/O thread: ever both running: False
