# output: script
"""The pools' default sizes, checked against the formulas in the docs.

The counts depend on the machine; whether they follow the formulas does not.
`_max_workers` is private: read here only to check the documented default.
"""

import os
import sys
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

WINDOWS_PROCESS_LIMIT = 61  # ProcessPoolExecutor's cap on Windows


def usable_cpus() -> int:
    """The CPU count the pools start from: the CPUs this process may use
    (os.process_cpu_count(), 3.13+), before 3.13 every CPU (os.cpu_count())."""
    if sys.version_info >= (3, 13):
        return os.process_cpu_count() or 1
    return os.cpu_count() or 1


def main() -> None:
    cpus = usable_cpus()
    threads = ThreadPoolExecutor()
    processes = ProcessPoolExecutor()  # starts no process until the first job
    thread_default = min(32, cpus + 4)
    process_default = min(WINDOWS_PROCESS_LIMIT, cpus) if os.name == "nt" else cpus
    print(f"threads == min(32, cpus + 4): {threads._max_workers == thread_default}")
    process_size = processes._max_workers  # type: ignore[attr-defined]  # private
    print(f"processes == cpus:            {process_size == process_default}")
    threads.shutdown()
    processes.shutdown()


if __name__ == "__main__":
    main()

# Output (recorded by `make update`):
#> threads == min(32, cpus + 4): True
#> processes == cpus:            True
