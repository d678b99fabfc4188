# output: script
# platform: linux
"""10,000 tasks that each wait one second, on one thread: asyncio's own event
loop against uvloop's.

Each task awaits `asyncio.sleep(WAIT_SECONDS)`, a timer the event loop keeps,
as a connection waits for its next message. If every wait overlaps, a run
takes one wait-time plus what it costs to create, schedule and finish the
tasks. uvloop (a drop-in event loop written in Cython on libuv) is not on
Windows; where it is missing, only the asyncio variant runs.
`make bench BENCH=many_tasks` times both at FULL_SIZE tasks; the claims tests
rerun it at SMALL_SIZE; run as a script, it checks the waits overlap on one
thread.
"""

import asyncio
import threading
import time
from collections.abc import Callable
from typing import Any

try:
    import uvloop
except ImportError:  # Windows: uvloop does not support it
    uvloop = None  # type: ignore[assignment]  # then only asyncio runs

KIND = "comparison"  # how tools/bench measures and renders it
WAIT_SECONDS = 1.0  # what every task waits, all at the same time
FULL_SIZE = 10_000  # tasks per run (`make bench`)
SMALL_SIZE = 10_000  # the claims tests: the same count, fewer rounds
ROUNDS = {"full": 7, "small": 3}
EXPECTED_SECONDS = 40  # a full-size run: 7 rounds of both loops, probe included
IDEAL_SECONDS = WAIT_SECONDS  # every wait overlaps, and nothing else costs time
CHECK_TASKS = 10_000  # main()
CHECK_WAIT_SECONDS = 0.2  # main() waits less: it only checks the overlap


async def wait_once(wait: float) -> int:
    await asyncio.sleep(wait)
    return threading.get_ident()  # the thread this task ran on


async def wait_all(tasks: int, wait: float) -> set[int]:
    """Run `tasks` tasks that each wait `wait` seconds; the threads they ran on."""
    return set(await asyncio.gather(*(wait_once(wait) for _ in range(tasks))))


def run_tasks(
    tasks: int, wait: float, loop_factory: Callable[[], Any] | None = None
) -> set[int]:
    # asyncio.Runner takes a loop_factory from 3.11; asyncio.run from 3.12.
    with asyncio.Runner(loop_factory=loop_factory) as runner:
        return runner.run(wait_all(tasks, wait))


def run_with_asyncio(tasks: int) -> int:
    return len(run_tasks(tasks, WAIT_SECONDS))


def run_with_uvloop(tasks: int) -> int:
    assert uvloop is not None
    return len(run_tasks(tasks, WAIT_SECONDS, uvloop.new_event_loop))


# What the benchmark runner times: the first entry is the baseline. Each
# variant answers with the number of threads its tasks ran on.
VARIANTS: dict[str, Callable[[int], int]] = {"asyncio": run_with_asyncio}
if uvloop is not None:
    VARIANTS["uvloop"] = run_with_uvloop


def main() -> None:
    loops: dict[str, Callable[[], Any] | None] = {"asyncio": None}
    if uvloop is not None:
        loops["uvloop"] = uvloop.new_event_loop
    for name, factory in loops.items():
        started = time.perf_counter()
        threads = run_tasks(CHECK_TASKS, CHECK_WAIT_SECONDS, factory)
        elapsed = time.perf_counter() - started
        # One after another they would take CHECK_TASKS waits; ten is a wide
        # margin for "overlapped" on a busy machine.
        overlapped = elapsed < 10 * CHECK_WAIT_SECONDS
        print(
            f"{name:<8} {CHECK_TASKS:,} tasks, threads used: {len(threads)}, "
            f"overlapped: {overlapped}"
        )


if __name__ == "__main__":
    main()

# Output (recorded by `make update`):
#> asyncio  10,000 tasks, threads used: 1, overlapped: True
#> uvloop   10,000 tasks, threads used: 1, overlapped: True
