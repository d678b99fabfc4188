# output: script
"""get_context(): pick a start method for your own processes, not for the program."""

import multiprocessing
import os
from typing import Any


def report_pid(results: Any) -> None:
    results.put(os.getpid())


def run_worker(context: Any) -> bool:
    """Start one worker from `context`; True if it ran in another process."""
    results = context.Queue()  # make the queue from the same context
    worker = context.Process(target=report_pid, args=(results,))
    worker.start()
    pid = results.get()
    worker.join()
    return pid != os.getpid() and worker.exitcode == 0


def main() -> None:
    multiprocessing.Lock()  # the program's start method is now fixed, but...
    spawn = multiprocessing.get_context("spawn")  # ...a context changes nothing global
    print(f"spawn: worker ran in another process: {run_worker(spawn)}")
    others = [m for m in multiprocessing.get_all_start_methods() if m != "spawn"]
    # fork and forkserver exist on POSIX only (Linux, macOS), not on Windows
    every = all(run_worker(multiprocessing.get_context(m)) for m in others)
    print(f"every other start method here too: {every}")


if __name__ == "__main__":
    main()

# Output (recorded by `make update`):
#> spawn: worker ran in another process: True
#> every other start method here too: True
