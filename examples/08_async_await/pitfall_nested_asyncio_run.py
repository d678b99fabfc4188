# output: script
# exit: 1
"""asyncio.run() where an event loop already runs: a Jupyter cell, or a coroutine."""

import asyncio


async def fetch_all() -> str:
    await asyncio.sleep(0)
    return "data"


def notebook_cell() -> None:
    print(asyncio.run(fetch_all()))  # the mistake: a loop is already running here


async def kernel() -> None:  # stands in for Jupyter's kernel, which runs a loop
    notebook_cell()


if __name__ == "__main__":
    asyncio.run(kernel())

# Stderr (recorded by `make update` on Python 3.11, 3.12, 3.13):
#!             Traceback (most recent call last):
#!               File ".../pitfall_nested_asyncio_run.py", line 22, in <module>
#!                 asyncio.run(kernel())
#![3.13]           ~~~~~~~~~~~^^^^^^^^^^
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
#!               File ".../pitfall_nested_asyncio_run.py", line 18, in kernel
#!                 notebook_cell()
#![3.13]           ~~~~~~~~~~~~~^^
#!               File ".../pitfall_nested_asyncio_run.py", line 14, in notebook_cell
#!                 print(asyncio.run(fetch_all()))  # the mistake: a loop is already running here
#![3.11, 3.12]           ^^^^^^^^^^^^^^^^^^^^^^^^
#![3.13]                 ~~~~~~~~~~~^^^^^^^^^^^^^
#!               File ".../asyncio/runners.py", line ..., in run
#!                 raise RuntimeError(
#![3.13]               "asyncio.run() cannot be called from a running event loop")
#!             RuntimeError: asyncio.run() cannot be called from a running event loop
#![3.11, 3.12] sys:1: RuntimeWarning: coroutine 'fetch_all' was never awaited
#![3.13]       <sys>:0: RuntimeWarning: coroutine 'fetch_all' was never awaited
