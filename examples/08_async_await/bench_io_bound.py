# output: script
"""Many waits of a fixed latency: one after another, in threads, and with asyncio.

Each wait stands for a network round trip: `time.sleep` in the threads (it
releases the GIL while it waits, as a blocking socket read does), and
`asyncio.sleep` in the tasks (a timer the event loop keeps). If all the waits
overlap, a run takes one wait-time.
`make bench BENCH=io_bound` times every variant at FULL_SIZE waits; the claims
tests rerun it at SMALL_SIZE; run as a script, it checks the waits overlap.
"""

import asyncio
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

KIND = "comparison"  # how tools/bench measures and renders it
WAIT_SECONDS = 0.05  # the latency of one wait
FULL_SIZE = 100  # waits per run (`make bench`)
SMALL_SIZE = 20  # the claims tests, and main()
EXPECTED_SECONDS = 90  # a full-size benchmark run, probes included
IDEAL_SECONDS = WAIT_SECONDS  # the best any run can do: every wait overlaps


def wait_blocking(job: int) -> int:
    time.sleep(WAIT_SECONDS)
    return job


async def wait_async(job: int) -> int:
    await asyncio.sleep(WAIT_SECONDS)
    return job


def run_sequentially(waits: int) -> list[int]:
    return [wait_blocking(job) for job in range(waits)]


def run_in_threads(waits: int) -> list[int]:
    with ThreadPoolExecutor(max_workers=waits) as pool:  # one thread per wait
        return list(pool.map(wait_blocking, range(waits)))


async def gather_waits(waits: int) -> list[int]:
    return await asyncio.gather(*(wait_async(job) for job in range(waits)))


def run_with_asyncio(waits: int) -> list[int]:
    return asyncio.run(gather_waits(waits))


# What the benchmark runner times: the first entry is the baseline.
VARIANTS: dict[str, Callable[[int], list[int]]] = {
    "sequential": run_sequentially,
    "threads": run_in_threads,
    "asyncio": run_with_asyncio,
}


def main() -> None:
    one_by_one = SMALL_SIZE * WAIT_SECONDS
    for name, variant in VARIANTS.items():
        started = time.perf_counter()
        answers = variant(SMALL_SIZE)
        elapsed = time.perf_counter() - started
        in_order = answers == list(range(SMALL_SIZE))
        # Timings vary: half the one-by-one time is a wide margin either way.
        faster = elapsed < one_by_one / 2
        print(f"{name:<10} all waits done in order: {in_order}, overlapped: {faster}")


if __name__ == "__main__":
    main()

# Output (recorded by `make update`):
#> sequential all waits done in order: True, overlapped: False
#> threads    all waits done in order: True, overlapped: True
#> asyncio    all waits done in order: True, overlapped: True
