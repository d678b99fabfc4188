# output: script
"""A task hands control back to the event loop only where it suspends."""

import asyncio
from collections.abc import Awaitable


async def returns_at_once() -> None:
    """No await inside: nothing here can suspend."""


async def take_free_lock(lock: asyncio.Lock) -> None:
    async with lock:  # nobody holds the lock, so acquiring it does not wait
        pass


async def other_task_ran_during(step: Awaitable[object]) -> bool:
    """Create a task that only notes that it ran, await `step`, and say if it did."""
    ran = False

    async def note_it_ran() -> None:
        nonlocal ran
        ran = True

    other = asyncio.create_task(note_it_ran())  # ready to run, not running yet
    await step
    ran_during_step = ran
    await other
    return ran_during_step


async def check_each_step() -> None:
    ran = await other_task_ran_during(asyncio.sleep(0))
    print(f"other task ran during await asyncio.sleep(0): {ran}")
    ran = await other_task_ran_during(returns_at_once())
    print(f"other task ran during await returns_at_once(): {ran}")
    ran = await other_task_ran_during(take_free_lock(asyncio.Lock()))
    print(f"other task ran during async with a free lock: {ran}")


def main() -> None:
    asyncio.run(check_each_step())


if __name__ == "__main__":
    main()

# Output (recorded by `make update`):
#> other task ran during await asyncio.sleep(0): True
#> other task ran during await returns_at_once(): False
#> other task ran during async with a free lock: False
