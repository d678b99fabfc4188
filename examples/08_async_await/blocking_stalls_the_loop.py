"""A blocking call inside a coroutine stalls every task; to_thread does not."""

import asyncio
import time
from collections.abc import Awaitable, Callable

TICK_SECONDS = 0.02  # a ticker task that wants to run this often
BLOCK_SECONDS = 0.3  # one blocking call, as a slow library call would be
STALLED = 0.2  # a gap between ticks this long means the loop was stuck


async def ticker(gaps: list[float]) -> None:
    last = time.monotonic()
    while True:
        await asyncio.sleep(TICK_SECONDS)
        now = time.monotonic()
        gaps.append(now - last)
        last = now


async def ticker_stalled_during(handler: Callable[[], Awaitable[None]]) -> bool:
    """Run `handler` while a ticker task runs; did the ticker miss ticks?"""
    gaps: list[float] = []
    tick = asyncio.create_task(ticker(gaps))
    await asyncio.sleep(TICK_SECONDS * 3)  # a few normal ticks first
    await handler()
    await asyncio.sleep(TICK_SECONDS * 3)
    tick.cancel()
    await asyncio.gather(tick, return_exceptions=True)  # wait until it stopped
    return max(gaps) >= STALLED


async def blocking_handler() -> None:
    time.sleep(BLOCK_SECONDS)  # the mistake: the whole loop waits here


async def to_thread_handler() -> None:
    await asyncio.to_thread(time.sleep, BLOCK_SECONDS)  # runs in a worker thread


async def main() -> None:
    stalled = await ticker_stalled_during(blocking_handler)
    print(f"time.sleep(): ticker missed ticks: {stalled}")
    #> time.sleep(): ticker missed ticks: True
    stalled = await ticker_stalled_during(to_thread_handler)
    print(f"asyncio.to_thread(): ticker missed ticks: {stalled}")
    #> asyncio.to_thread(): ticker missed ticks: False


if __name__ == "__main__":
    asyncio.run(main())
