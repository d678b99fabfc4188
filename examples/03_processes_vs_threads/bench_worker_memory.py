# output: script
"""Memory per idle worker: a thread against a process under each start method.

A thread lives inside this process: what it adds is its stack and a little
interpreter state. A process is a whole interpreter: what it adds is read from
the worker itself. RSS counts every page a process has in memory, including
pages it shares with others, so adding up the workers' RSS counts a shared
page once per worker (a forked worker shares most of its pages with its
parent). USS counts only the pages no other process has: what the worker adds.
PSS (Linux) splits each shared page between its sharers.
`make bench BENCH=worker_memory` holds COUNTS of each unit in a fresh process
and adds up the memory of that process and of its workers; the claims tests
rerun SMALL_COUNTS. Run as a script, it holds CHECK_COUNT of each.
"""

import multiprocessing
import sys
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

try:
    import psutil  # not in the standard library: reads another process's memory
except ImportError:
    psutil = None  # type: ignore[assignment]  # main() then says what is missing

KIND = "footprint"
START_METHODS = ("fork", "forkserver", "spawn")
AVAILABLE = [m for m in START_METHODS if m in multiprocessing.get_all_start_methods()]
SKIPPED = {
    f"process ({method})": f"no {method} start method on {sys.platform} (POSIX only)"
    for method in START_METHODS
    if method not in AVAILABLE
}
UNITS = ["thread", *[f"process ({method})" for method in AVAILABLE]]
COUNTS = [1, 2, 4]  # units held at once, one fresh process each (`make bench`)
SMALL_COUNTS = [1, 3]  # the claims tests
CHECK_COUNT = 1  # main()
EXPECTED_SECONDS = 45  # a full run: 3 rounds x 12 fresh processes, on 2 cores
MEASURES = ("rss", "uss", "pss")


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
        release.set()
        for thread in threads:
            if thread.ident is not None:  # started
                thread.join()


def idle_worker(connection: Connection) -> None:
    connection.send("ready")
    connection.recv()  # wait until told to stop
    connection.close()


def memory_of(pid: int) -> dict[str, int | None]:
    """RSS, USS and PSS (Linux only) of one process, in bytes."""
    info = psutil.Process(pid).memory_full_info()
    return {"rss": info.rss, "uss": info.uss, "pss": getattr(info, "pss", None)}


def added(parts: list[dict[str, int | None]]) -> dict[str, int | None]:
    """Each measure summed over processes; None where any one lacks it."""
    return {
        key: None
        if any(p[key] is None for p in parts)
        else sum(p[key] or 0 for p in parts)
        for key in MEASURES
    }


def hold_processes(method: str, count: int, measure: Callable[[], Any]) -> Any:
    """Start `count` idle processes; return this process's memory plus theirs."""
    context: Any = multiprocessing.get_context(
        method
    )  # typeshed: no .Process on BaseContext
    workers, connections = [], []
    try:
        for _ in range(count):
            ours, theirs = context.Pipe()
            worker = context.Process(target=idle_worker, args=(theirs,))
            worker.start()
            theirs.close()
            workers.append(worker)
            connections.append(ours)
        for connection in connections:
            connection.recv()  # every worker is up, and waiting
        own = measure()
        return added([own, *[memory_of(w.pid) for w in workers if w.pid]])
    finally:
        for connection in connections:
            connection.send(None)
            connection.close()
        for worker in workers:
            worker.join()


def hold(unit: str, count: int, measure: Callable[[], Any]) -> Any:
    """Hold `count` idle units; return the memory measured while they existed.
    What the benchmark runner calls, in a fresh process each time."""
    if unit == "thread":
        return hold_threads(count, measure)
    method = unit.removeprefix("process (").removesuffix(")")
    if method in AVAILABLE:
        return hold_processes(method, count, measure)
    raise ValueError(f"unknown unit: {unit!r}")


def own_memory() -> dict[str, int | None]:
    return memory_of(psutil.Process().pid)


def main() -> None:
    if psutil is None:
        print("psutil is not installed: `pip install psutil` to read USS and PSS")
        return
    growth = {}
    for unit in ("thread", "process (spawn)"):  # spawn: on every platform
        before = own_memory()["uss"] or 0
        during = hold(unit, CHECK_COUNT, own_memory)["uss"] or 0
        growth[unit] = (during - before) / CHECK_COUNT
    print(f"idle workers held, a thread then a spawned process: {CHECK_COUNT} each")
    more = growth["process (spawn)"] > growth["thread"]
    print(f"a spawned process adds more memory (USS) than a thread: {more}")
    missing = set(START_METHODS) - set(AVAILABLE)
    print(f"start methods left out here each say why: {len(SKIPPED) == len(missing)}")


if __name__ == "__main__":
    main()

# Output (recorded by `make update`):
#> idle workers held, a thread then a spawned process: 1 each
#> a spawned process adds more memory (USS) than a thread: True
#> start methods left out here each say why: True
