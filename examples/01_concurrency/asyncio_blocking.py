"""asyncio is cooperative: a task that never awaits stops all the others."""

import asyncio
import contextlib
import time

BUSY_SECONDS = 0.5  # how long the main task keeps the thread busy
TICK_SECONDS = 0.05  # how often the heartbeat task ticks


def spin(seconds: float) -> None:
    """Keep a CPU busy in pure Python: no sleep, no I/O, no waiting."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        pass


async def heartbeat(ticks: list[float]) -> None:
    while True:
        await asyncio.sleep(TICK_SECONDS)
        ticks.append(time.monotonic())


async def watch_the_heartbeat() -> None:
    ticks: list[float] = []
    beat = asyncio.create_task(heartbeat(ticks))
    await asyncio.sleep(0)  # let the heartbeat start

    before = len(ticks)
    time.sleep(BUSY_SECONDS)  # blocks the thread, so the event loop too
    print(f"ticks during time.sleep(): {len(ticks) - before}")
    #> ticks during time.sleep(): 0

    before = len(ticks)
    spin(BUSY_SECONDS)  # CPU work never reaches an await either
    print(f"ticks during a CPU loop: {len(ticks) - before}")
    #> ticks during a CPU loop: 0

    before = len(ticks)
    await asyncio.sleep(BUSY_SECONDS)  # waits, and lets the loop run others
    print(f"ticked during await asyncio.sleep(): {len(ticks) > before}")
    #> ticked during await asyncio.sleep(): True

    beat.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await beat


def main() -> None:
    asyncio.run(watch_the_heartbeat())


if __name__ == "__main__":
    main()
