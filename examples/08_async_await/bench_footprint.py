# output: script
"""What an idle thread and an idle asyncio task cost in memory.

Each unit does nothing but wait: a thread blocked on a `threading.Event`, a
task awaiting an `asyncio.Event`. A thread has its own OS stack (reserved in
full, resident only as far as it was touched) and interpreter state; a task
is a few Python objects on the one thread that runs the event loop.
`make bench BENCH=footprint` holds COUNTS of each in a fresh process and reads
its memory; the claims tests rerun SMALL_COUNTS. Run as a script, it holds
CHECK_COUNT of each and compares their resident memory (RSS).
"""

import asyncio
import os
import sys
import threading
from collections.abc import Callable
from typing import Any

try:
    import psutil  # not in the standard library; main() needs it only off Linux
except ImportError:
    psutil = None  # type: ignore[assignment]  # main() then reads /proc instead

KIND = "footprint"
UNITS = ["threads", "tasks"]
COUNTS = [100, 1_000, 5_000]  # units held at once, one fresh process each
SMALL_COUNTS = [200, 2_000]  # the claims tests
CHECK_COUNT = 1_000  # main()
EXPECTED_SECONDS = 30  # a full run: 3 rounds x 6 fresh processes


def hold_threads(count: int, measure: Callable[[], Any]) -> Any:
    """Start `count` threads that wait on one event, measure, release them."""
    ready = threading.Semaphore(0)
    release = threading.Event()

    def idle() -> None:
        ready.release()
        release.wait()

    threads = [threading.Thread(target=idle) for _ in range(count)]
    try:
        for thread in threads:
            thread.start()
        for _ in threads:
            ready.acquire()  # every thread is running, and about to wait
        return measure()
    finally:
        release.set()  # also when a start failed: free those already waiting
        for thread in threads:
            if thread.ident is not None:  # started
                thread.join()


async def hold_tasks_async(count: int, measure: Callable[[], Any]) -> Any:
    release = asyncio.Event()
    tasks = [asyncio.create_task(release.wait()) for _ in range(count)]
    try:
        await asyncio.sleep(0)  # one turn of the loop: every task now waits
        return measure()
    finally:
        release.set()  # the tasks end normally: nothing to cancel
        await asyncio.gather(*tasks)


def hold_tasks(count: int, measure: Callable[[], Any]) -> Any:
    """Create `count` tasks that await one event, measure, release them."""
    return asyncio.run(hold_tasks_async(count, measure))


def hold(unit: str, count: int, measure: Callable[[], Any]) -> Any:
    """Hold `count` idle units; return what measure() returned while they all
    existed. What the benchmark runner calls, in a fresh process each time."""
    if unit == "threads":
        return hold_threads(count, measure)
    if unit == "tasks":
        return hold_tasks(count, measure)
    raise ValueError(f"unknown unit: {unit!r}")


def resident_bytes() -> int | None:
    """This process's resident memory (RSS) now, or None where unreadable."""
    if sys.platform.startswith("linux"):
        with open("/proc/self/statm") as statm:  # in pages: size, resident, ...
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    if psutil is not None:
        return psutil.Process().memory_info().rss
    return None


def snapshot() -> tuple[int, int | None]:
    return threading.active_count(), resident_bytes()


def main() -> None:
    growth = {}
    # Tasks first: memory a run of threads frees would be reused by the tasks.
    for unit in ("tasks", "threads"):
        before = resident_bytes()
        running, during = hold(unit, CHECK_COUNT, snapshot)
        print(f"{CHECK_COUNT:,} idle {unit:<7} held, threads running: {running:,}")
        if before is not None and during is not None:
            growth[unit] = (during - before) / CHECK_COUNT
    print(f"all released, threads running: {threading.active_count()}")
    if growth:
        cheaper = growth["tasks"] < growth["threads"]
        print(f"an idle task costs less memory (RSS) than an idle thread: {cheaper}")
    else:
        print("RSS not measured: the standard library reads it on Linux only;")
        print("install psutil to measure it on macOS and Windows")


if __name__ == "__main__":
    main()

# Output (recorded by `make update`):
#> 1,000 idle tasks   held, threads running: 1
#> 1,000 idle threads held, threads running: 1,001
#> all released, threads running: 1
#> an idle task costs less memory (RSS) than an idle thread: True
