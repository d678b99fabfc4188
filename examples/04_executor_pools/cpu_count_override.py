# output: script
# requires-python: >=3.13
"""Python 3.13+: set the CPU count Python reports, for one run or one environment."""

import os
import subprocess
import sys

CPU_COUNT = 3
TIMEOUT_SECONDS = 30  # a fresh interpreter answers in well under a second
# What a fresh interpreter reports: both counts, and both pools' default sizes.
REPORT = """
import os
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
threads, processes = ThreadPoolExecutor(), ProcessPoolExecutor()
print(os.cpu_count(), os.process_cpu_count(), threads._max_workers, processes._max_workers)
threads.shutdown()
processes.shutdown()
"""


def report(*options: str, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [sys.executable, *options, "-c", REPORT],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=TIMEOUT_SECONDS,
    )
    return done.stdout.strip()


def main() -> None:
    print("cpu_count, process_cpu_count, thread pool size, process pool size:")
    print(f"-X cpu_count={CPU_COUNT}:    {report('-X', f'cpu_count={CPU_COUNT}')}")
    env = {**os.environ, "PYTHON_CPU_COUNT": str(CPU_COUNT)}
    print(f"PYTHON_CPU_COUNT={CPU_COUNT}: {report(env=env)}")


if __name__ == "__main__":
    main()

# Output (recorded by `make update` on Python 3.13):
#> cpu_count, process_cpu_count, thread pool size, process pool size:
#> -X cpu_count=3:    3 3 7 3
#> PYTHON_CPU_COUNT=3: 3 3 7 3
