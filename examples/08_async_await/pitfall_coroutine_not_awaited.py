# output: script
"""An `async def` function called without `await` runs none of its body."""

import asyncio

saved: list[str] = []


async def save(record: str) -> None:
    await asyncio.sleep(0)  # as if writing to a database
    saved.append(record)


async def main() -> None:
    save("a")  # type: ignore[unused-coroutine]  # the mistake: no await
    await save("b")
    print(f"saved: {saved}")


if __name__ == "__main__":
    asyncio.run(main())

# Output (recorded by `make update`):
#> saved: ['b']

# Stderr (recorded by `make update`):
#! .../pitfall_coroutine_not_awaited.py:15: RuntimeWarning: coroutine 'save' was never awaited
#!   save("a")  # type: ignore[unused-coroutine]  # the mistake: no await
#! RuntimeWarning: Enable tracemalloc to get the object allocation traceback
