"""A blocking call inside a coroutine stalls every task; to_thread does not."""

import asyncio
import time
from collections.abc import Awaitable, Callable

TICK_SECONDS = 0.02  # a ticker task that wants to run this often
BLOCK_SECONDS = 0.3  # one blocking call, as a slow library call would be


async def ticker(ticks: list[float]) -> None:
    while True:
        await asyncio.sleep(TICK_SECONDS)
        ticks.append(time.monotonic())


async def ticks_during(handler: Callable[[], Awaitable[None]]) -> int:
    """Run `handler` while a ticker task runs; how many ticks happened meanwhile?"""
    ticks: list[float] = []
    tick = asyncio.create_task(ticker(ticks))
    await asyncio.sleep(TICK_SECONDS * 3)  # a few normal ticks first
    started = time.monotonic()
    await handler()
    ended = time.monotonic()
    tick.cancel()
    await asyncio.gather(tick, return_exceptions=True)  # wait until it stopped
    return sum(started < t < ended for t in ticks)


async def blocking_handler() -> None:
    time.sleep(BLOCK_SECONDS)  # the mistake: the whole loop waits here


async def to_thread_handler() -> None:
    await asyncio.to_thread(time.sleep, BLOCK_SECONDS)  # runs in a worker thread


async def main() -> None:
    ticks = await ticks_during(blocking_handler)
    print(f"time.sleep(): ticks while it blocked: {ticks}")
    #> time.sleep(): ticks while it blocked: 0
    ticks = await ticks_during(to_thread_handler)
    print(f"asyncio.to_thread(): the ticker kept ticking: {ticks > 0}")
    #> asyncio.to_thread(): the ticker kept ticking: True


if __name__ == "__main__":
    asyncio.run(main())
