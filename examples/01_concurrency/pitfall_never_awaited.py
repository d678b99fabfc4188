# output: script
"""Calling an `async def` function without `await` runs none of its code."""

import asyncio


async def do_job(job: str) -> None:
    await asyncio.sleep(0)
    print(f"job {job} done")


async def do_all_jobs() -> None:
    do_job("a")  # type: ignore[unused-coroutine]  # the mistake: no await
    await do_job("b")


def main() -> None:
    asyncio.run(do_all_jobs())


if __name__ == "__main__":
    main()

# Output (recorded by `make update`):
#> job b done

# Stderr (recorded by `make update`):
#! .../pitfall_never_awaited.py:13: RuntimeWarning: coroutine 'do_job' was never awaited
#!   do_job("a")  # type: ignore[unused-coroutine]  # the mistake: no await
#! RuntimeWarning: Enable tracemalloc to get the object allocation traceback
