# output: script
# exit: 1
"""loop.set_default_executor() takes only a ThreadPoolExecutor (Python 3.11+)."""

import asyncio
from concurrent.futures import ProcessPoolExecutor


async def main() -> None:
    loop = asyncio.get_running_loop()
    # The mistake: to run CPU work in processes, pass the pool to
    # loop.run_in_executor(pool, ...) instead.
    with ProcessPoolExecutor() as pool:  # no job is sent: no process starts
        loop.set_default_executor(pool)


if __name__ == "__main__":
    asyncio.run(main())

# Stderr (recorded by `make update` on Python 3.11, 3.12, 3.13):
#!             Traceback (most recent call last):
#!               File ".../pitfall_process_pool_default_executor.py", line 18, in <module>
#!                 asyncio.run(main())
#![3.13]           ~~~~~~~~~~~^^^^^^^^
#!               File ".../asyncio/runners.py", line ..., in run
#!                 return runner.run(main)
#![3.11, 3.12]            ^^^^^^^^^^^^^^^^
#![3.13]                  ~~~~~~~~~~^^^^^^
#!               File ".../asyncio/runners.py", line ..., in run
#!                 return self._loop.run_until_complete(task)
#![3.11, 3.12]            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
#![3.13]                  ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~^^^^^^
#!               File ".../asyncio/base_events.py", line ..., in run_until_complete
#!                 return future.result()
#![3.11, 3.12]            ^^^^^^^^^^^^^^^
#![3.13]                  ~~~~~~~~~~~~~^^
#!               File ".../pitfall_process_pool_default_executor.py", line 14, in main
#!                 loop.set_default_executor(pool)
#![3.13]           ~~~~~~~~~~~~~~~~~~~~~~~~~^^^^^^
#!               File ".../asyncio/base_events.py", line ..., in set_default_executor
#!                 raise TypeError('executor must be ThreadPoolExecutor instance')
#!             TypeError: executor must be ThreadPoolExecutor instance
