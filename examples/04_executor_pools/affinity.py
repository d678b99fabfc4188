# output: script
# requires-python: >=3.13
# platform: linux
"""CPU affinity counts: a process allowed one CPU gets pools sized for one."""

import os
import sys
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor


def main() -> None:
    if sys.version_info < (3, 13):
        sys.exit("needs Python 3.13+ (os.process_cpu_count)")
    machine_cpus = os.cpu_count()
    one_cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {one_cpu})  # what `taskset -c 0 python ...` does
    print(f"CPUs this process may use: {len(os.sched_getaffinity(0))}")
    print(f"os.process_cpu_count(): {os.process_cpu_count()}")
    print(f"os.cpu_count() unchanged: {os.cpu_count() == machine_cpus}")
    threads, processes = ThreadPoolExecutor(), ProcessPoolExecutor()
    # _max_workers is private: read here only to show the default size.
    print(f"ThreadPoolExecutor() threads: {threads._max_workers}")
    print(f"ProcessPoolExecutor() processes: {processes._max_workers}")
    threads.shutdown()
    processes.shutdown()


if __name__ == "__main__":
    main()

# Output (recorded by `make update` on Python 3.13):
#> CPUs this process may use: 1
#> os.process_cpu_count(): 1
#> os.cpu_count() unchanged: True
#> ThreadPoolExecutor() threads: 5
#> ProcessPoolExecutor() processes: 1
