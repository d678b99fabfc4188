# output: script
# exit: 1
# platform: linux
"""`asyncio.run()` called from code that already runs in an event loop."""

import asyncio


async def do_all_jobs() -> None:
    await asyncio.sleep(0)


async def handle_request() -> None:
    asyncio.run(do_all_jobs())  # the mistake: this task's loop is running


def main() -> None:
    asyncio.run(handle_request())


if __name__ == "__main__":
    main()

# Stderr (recorded by `make update` on Python 3.11, 3.12, 3.13):
#!             Traceback (most recent call last):
#!               File ".../pitfall_run_in_loop.py", line 22, in <module>
#!                 main()
#![3.13]           ~~~~^^
#!               File ".../pitfall_run_in_loop.py", line 18, in main
#!                 asyncio.run(handle_request())
#![3.13]           ~~~~~~~~~~~^^^^^^^^^^^^^^^^^^
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
#!               File ".../pitfall_run_in_loop.py", line 14, in handle_request
#!                 asyncio.run(do_all_jobs())  # the mistake: this task's loop is running
#![3.11, 3.12]     ^^^^^^^^^^^^^^^^^^^^^^^^^^
#![3.13]           ~~~~~~~~~~~^^^^^^^^^^^^^^^
#!               File ".../asyncio/runners.py", line ..., in run
#!                 raise RuntimeError(
#![3.13]               "asyncio.run() cannot be called from a running event loop")
#!             RuntimeError: asyncio.run() cannot be called from a running event loop
#![3.11, 3.12] sys:1: RuntimeWarning: coroutine 'do_all_jobs' was never awaited
#![3.13]       <sys>:0: RuntimeWarning: coroutine 'do_all_jobs' was never awaited
