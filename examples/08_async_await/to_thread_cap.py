"""asyncio.to_thread runs at most the default executor's size at once; a bigger
ThreadPoolExecutor, set with loop.set_default_executor(), raises that cap."""

import asyncio
import math
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor

CALLS = 40  # blocking calls started at once: more than any default pool (32)
CALL_SECONDS = 0.1  # each one blocks this long, as a slow driver call would


def blocking_call(threads: set[int]) -> None:
    threads.add(threading.get_ident())
    time.sleep(CALL_SECONDS)


async def run_calls(executor: ThreadPoolExecutor | None = None) -> tuple[int, float]:
    """Start CALLS blocking calls in threads; (threads used, elapsed in waits)."""
    if executor is not None:  # before the first to_thread(): the loop makes none
        asyncio.get_running_loop().set_default_executor(executor)
    threads: set[int] = set()
    started = time.perf_counter()
    await asyncio.gather(
        *(asyncio.to_thread(blocking_call, threads) for _ in range(CALLS))
    )
    return len(threads), (time.perf_counter() - started) / CALL_SECONDS


def about(waits: float, expected: int) -> bool:
    """Within the noise of a busy machine: not faster, not much slower."""
    return 0.8 * expected <= waits <= 1.5 * expected + 1


def main() -> None:
    cpus = getattr(os, "process_cpu_count", os.cpu_count)() or 1
    default_size = min(32, cpus + 4)  # ThreadPoolExecutor's default max_workers
    # Each asyncio.run() shuts its loop's default executor down at the end.
    threads, capped = asyncio.run(run_calls())
    print(f"threads used == min(32, CPUs + 4): {threads == default_size}")
    #> threads used == min(32, CPUs + 4): True
    rounds = math.ceil(CALLS / threads)  # the calls run in batches of `threads`
    print(f"took about ceil({CALLS} / threads) waits: {about(capped, rounds)}")
    #> took about ceil(40 / threads) waits: True

    bigger = ThreadPoolExecutor(max_workers=CALLS)
    threads, raised = asyncio.run(run_calls(bigger))
    print(f"with a {CALLS}-thread executor, more threads: {threads > default_size}")
    #> with a 40-thread executor, more threads: True
    print(f"faster than with the default executor: {raised < capped}")
    #> faster than with the default executor: True


if __name__ == "__main__":
    main()
