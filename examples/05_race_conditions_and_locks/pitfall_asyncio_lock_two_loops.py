# output: script
# exit: 1
"""An asyncio.Lock belongs to one event loop: a second loop that waits on it fails."""

import asyncio

cache_lock = asyncio.Lock()  # module level: shared by every loop that uses it


async def refresh() -> None:
    async with cache_lock:
        await asyncio.sleep(0)  # as if refreshing a cache


async def refresh_twice() -> None:
    # The second task finds the lock held and waits: that ties the lock to
    # this event loop.
    await asyncio.gather(refresh(), refresh())


def main() -> None:
    asyncio.run(refresh_twice())
    print("first event loop: done")
    # A new event loop, as in the next test, or in another thread.
    asyncio.run(refresh_twice())


if __name__ == "__main__":
    main()

# Output (recorded by `make update`):
#> first event loop: done

# Stderr (recorded by `make update` on Python 3.11, 3.12, 3.13):
#!             Traceback (most recent call last):
#!               File ".../pitfall_asyncio_lock_two_loops.py", line 29, in <module>
#!                 main()
#![3.13]           ~~~~^^
#!               File ".../pitfall_asyncio_lock_two_loops.py", line 25, in main
#!                 asyncio.run(refresh_twice())
#![3.13]           ~~~~~~~~~~~^^^^^^^^^^^^^^^^^
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
#!               File ".../pitfall_asyncio_lock_two_loops.py", line 18, in refresh_twice
#!                 await asyncio.gather(refresh(), refresh())
#!               File ".../pitfall_asyncio_lock_two_loops.py", line 11, in refresh
#!                 async with cache_lock:
#![3.13]                      ^^^^^^^^^^
#!               File ".../asyncio/locks.py", line ..., in __aenter__
#!                 await self.acquire()
#!               File ".../asyncio/locks.py", line ..., in acquire
#!                 fut = self._get_loop().create_future()
#![3.11, 3.12]           ^^^^^^^^^^^^^^^^
#![3.13]                 ~~~~~~~~~~~~~~^^
#!               File ".../asyncio/mixins.py", line ..., in _get_loop
#!                 raise RuntimeError(f'{self!r} is bound to a different event loop')
#!             RuntimeError: <asyncio.locks.Lock object at 0x... [locked]> is bound to a different event loop
