# output: script
"""Starting a worker: a thread against a process under each start method.

Each variant starts `size` workers that do nothing, then waits for all of
them to finish: what a worker costs before it does any work. "spawn" (the
baseline, available everywhere) starts a fresh interpreter per process;
"forkserver" asks a server process, started once, to fork a copy of itself;
"fork" copies this process; "threads" starts threads in this process. fork and
forkserver exist on POSIX only: elsewhere they are left out, and SKIPPED says
why. `make bench BENCH=process_startup` times each at FULL_SIZE workers; the
claims tests rerun it at SMALL_SIZE. Run as a script, it checks each variant.
"""

import multiprocessing
import sys
import threading
from collections.abc import Callable
from typing import Any

KIND = "comparison"
FULL_SIZE = 4  # workers started and joined per timed call (`make bench`)
SMALL_SIZE = 2  # the claims tests
CHECK_SIZE = 1  # main()
ROUNDS = {"full": 9, "small": 5}
EXPECTED_SECONDS = 25  # a full run: 9 rounds, about 2.5 s each with the probe
START_METHODS = ("spawn", "forkserver", "fork")  # spawn first: the baseline
AVAILABLE = [m for m in START_METHODS if m in multiprocessing.get_all_start_methods()]
SKIPPED = {
    method: f"no {method} start method on {sys.platform} (POSIX only)"
    for method in START_METHODS
    if method not in AVAILABLE
}


def do_nothing() -> None:
    pass


def start_processes(method: str) -> Callable[[int], int]:
    context: Any = multiprocessing.get_context(
        method
    )  # typeshed: no .Process on BaseContext

    def run(workers: int) -> int:
        processes = [context.Process(target=do_nothing) for _ in range(workers)]
        for process in processes:
            process.start()
        for process in processes:
            process.join()
        return sum(process.exitcode == 0 for process in processes)

    run.__name__ = f"start_{method}_processes"
    return run


def start_threads(workers: int) -> int:
    threads = [threading.Thread(target=do_nothing) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return len(threads)


# What the benchmark runner times: the first entry is the baseline.
VARIANTS: dict[str, Callable[[int], int]] = {
    **{method: start_processes(method) for method in AVAILABLE},
    "threads": start_threads,
}


def main() -> None:
    done = {name: variant(CHECK_SIZE) for name, variant in VARIANTS.items()}
    print(
        f"every variant started and joined {CHECK_SIZE} workers: {set(done.values()) == {CHECK_SIZE}}"
    )
    print(
        f"start methods left out here each say why: {sorted(SKIPPED) == sorted(set(START_METHODS) - set(AVAILABLE))}"
    )


if __name__ == "__main__":
    main()

# Output (recorded by `make update`):
#> every variant started and joined 1 workers: True
#> start methods left out here each say why: True
