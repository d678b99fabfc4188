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
    program_method = multiprocessing.get_start_method()  # asking fixes it, too
    spawn = multiprocessing.get_context("spawn")  # a context changes nothing global
    print(f"spawn: worker ran in another process: {run_worker(spawn)}")
    unchanged = multiprocessing.get_start_method() == program_method
    print(f"the program's own start method is unchanged: {unchanged}")


if __name__ == "__main__":
    main()

# Output (recorded by `make update`):
#> spawn: worker ran in another process: True
#> the program's own start method is unchanged: True
